import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { auditLog, ruleSets, users } from '../../db/schema';
import { RuleSetError } from '../lifecycle/errors';
import { previewDraft } from '../lifecycle/preview';
import { getRuleSet, listRuleSets, type StoredRuleSet } from '../lifecycle/rule-sets';
import { changedParams, sameParams } from './fields';
import type { Person, PreviewJson, RuleVersion, RulesState, VersionState } from './types';

// The Rules page's reads and the one write the engine leaves to it (discarding a draft).
// Publishing, rolling back and editing a draft are lib/lifecycle/rule-sets.ts's own.

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

/**
 * Sets the open draft aside without publishing it. It stays in the history as a draft that
 * was never published (as rollbackTo leaves an overtaken one), and the discard is audited.
 */
export async function discardDraft(
  db: Database,
  { version, actorUserId }: { version: number; actorUserId: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    // The same lock as publishing and rollback, so a discard never crosses a publish.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rule_sets'))`);
    const [row] = await tx
      .select()
      .from(ruleSets)
      .where(eq(ruleSets.version, version))
      .for('update');
    if (!row) throw new RuleSetError('not_found', `Rule set version ${version} does not exist.`);
    if (row.status !== 'draft')
      throw new RuleSetError(
        'not_draft',
        `Version ${version} is ${row.status}, not a draft; there is nothing to discard.`,
      );
    await tx.update(ruleSets).set({ status: 'archived' }).where(eq(ruleSets.id, row.id));
    await tx.insert(auditLog).values({
      actorUserId,
      action: 'rule_set.discard',
      entity: 'rule_set',
      entityId: String(version),
      before: { version, params: row.params, basedOnVersion: row.basedOnVersion },
    });
  });
}

/** The engine's preview of a draft against the published rules, as JSON for the page. */
export async function getPreview(db: Database, draftVersion: number): Promise<PreviewJson> {
  const draft = await getRuleSet(db, draftVersion);
  if (draft.status !== 'draft')
    throw new RuleSetError('not_draft', `Version ${draftVersion} is ${draft.status}, not a draft.`);
  const preview = await previewDraft(db, { draftVersion, samples: 8 });
  return { ...preview, asOf: preview.asOf.toISOString() };
}

/** A version number from a URL segment, or null when it is not one. */
export function parseVersion(raw: string): number | null {
  if (!/^[1-9]\d{0,8}$/.test(raw)) return null;
  return Number(raw);
}
