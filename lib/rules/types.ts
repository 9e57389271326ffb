import type { Stage } from '../../db/schema/lifecycle';
import type { RuleParams } from '../lifecycle/rule-params';
import type { ParamChange } from './fields';

// What the Rules page receives (JSON: dates are ISO strings), from the page's server
// component and from GET /api/rules alike.

export interface Person {
  id: number;
  name: string;
}

/**
 * `published`: the rules in force; `previous`: published once, replaced since; `draft`: the
 * open draft; `discarded`: a draft set aside (discarded, or overtaken by a rollback).
 */
export type VersionState = 'published' | 'previous' | 'draft' | 'discarded';

export interface RuleVersion {
  version: number;
  state: VersionState;
  params: RuleParams;
  note: string | null;
  /** The published version this one started from; what `changes` compares against. */
  basedOnVersion: number | null;
  createdBy: Person | null;
  createdAt: string;
  publishedBy: Person | null;
  publishedAt: string | null;
  /** How it was published: from a draft, or as a rollback to an earlier version. */
  publishedAs: 'publish' | 'rollback' | null;
  /** Parameter changes against `basedOnVersion` (none for the first version). */
  changes: ParamChange[];
  /** An earlier published version with exactly these rules, other than `basedOnVersion`. */
  sameAsVersion: number | null;
}

export interface RulesState {
  published: RuleVersion;
  draft: RuleVersion | null;
  /** Every version, newest first. */
  versions: RuleVersion[];
}

export interface PreviewSampleJson {
  fanId: number;
  /**
   * Who the fan is, only for a role with fan lookup; the page shows the others "Fan #id".
   * An erased fan keeps no Telegram id, username or name.
   */
  person?: { telegramUserId: number | null; username: string | null; name: string | null };
}

export interface PreviewJson {
  draftVersion: number;
  publishedVersion: number;
  asOf: string;
  /** False for a role without fan lookup: the samples carry no `person`. */
  showsPeople: boolean;
  cells: { from: Stage; to: Stage; fans: number; samples: PreviewSampleJson[] }[];
  moving: number;
  total: number;
}
