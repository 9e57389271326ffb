import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import { RuleSetError } from '../lifecycle/errors';
import { listRuleSets, type StoredRuleSet } from '../lifecycle/rule-sets';
import { changedParams, sameParams } from './fields';
import type { Person, RuleVersion, RulesState, VersionState } from './types';

// The Rules page's state. Its preview is get-preview.ts's; every change to the rules is
// lib/lifecycle/rule-set-writes.ts's.

function stateOf(row: StoredRuleSet): VersionState {
  if (row.status === 'published') return 'published';
  if (row.status === 'draft') return 'draft';
  return row.publishedAt ? 'previous' : 'discarded';
}

/** The published rules, the open draft and every version with what it changed. */
export async function getRulesState(db: Executor): Promise<RulesState> {
  const rows = await listRuleSets(db);
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.createdBy, r.publishedBy]).filter((id) => id !== null)),
  ];
  const [people, published] = await Promise.all([
    userIds.length === 0
      ? Promise.resolve([])
      : db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)),
    // How each version was published (publishDraft and rollbackTo audit it so).
    db
      .select({ version: auditLog.entityId, action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'rule_set'),
          inArray(auditLog.action, ['rule_set.publish', 'rule_set.rollback']),
        ),
      ),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const who = (id: number | null): Person | null =>
    id === null ? null : (person.get(id) ?? { id, name: `#${id}` });
  const publishedAs = new Map(
    published.map((a) => [
      Number(a.version),
      a.action === 'rule_set.rollback' ? ('rollback' as const) : ('publish' as const),
    ]),
  );
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  // Oldest first, so "an earlier published version with the same rules" is a look back.
  const everPublished = rows.filter((r) => r.publishedAt !== null).reverse();

  const versions: RuleVersion[] = rows.map((row) => {
    const base = row.basedOnVersion === null ? undefined : byVersion.get(row.basedOnVersion);
    const same =
      row.publishedAt === null
        ? undefined
        : everPublished
            .filter(
              (r) =>
                r.version < row.version &&
                r.version !== row.basedOnVersion &&
                sameParams(r.params, row.params),
            )
            .at(-1);
    return {
      version: row.version,
      state: stateOf(row),
      params: row.params,
      note: row.note,
      basedOnVersion: row.basedOnVersion,
      createdBy: who(row.createdBy),
      createdAt: row.createdAt.toISOString(),
      publishedBy: who(row.publishedBy),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      publishedAs: publishedAs.get(row.version) ?? null,
      changes: base ? changedParams(base.params, row.params) : [],
      sameAsVersion: same?.version ?? null,
    };
  });
  const current = versions.find((v) => v.state === 'published');
  if (!current) throw new RuleSetError('not_found', 'No rule set is published.');
  return {
    published: current,
    draft: versions.find((v) => v.state === 'draft') ?? null,
    versions,
  };
}
