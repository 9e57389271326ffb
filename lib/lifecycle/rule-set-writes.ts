import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { ruleSets } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { RuleSetError } from './errors';
import { checkRuleNote, parseRuleParams } from './rule-set-checks';
import { getPublishedRuleSet, getRuleSet, stored, type StoredRuleSet } from './rule-sets';

// Every change to rule_sets, each audited in its own transaction: starting, saving and
// discarding a draft, publishing it, rolling back. Reads are lib/lifecycle/rule-sets.ts's.

type Actor = { actorUserId: number | null };

const entity = 'rule_set';

// One lock for every change that hands out a version or changes which one is published,
// so two of them never interleave.
const lockRuleSets = (tx: Executor) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('rule_sets'))`);

async function nextVersion(tx: Executor): Promise<number> {
  await lockRuleSets(tx);
  const [row] = await tx.execute<{ next: number }>(
    sql`select coalesce(max(version), 0) + 1 as next from rule_sets`,
  );
  return Number(row!.next);
}

async function lockDraft(tx: Executor, version: number, doing: string): Promise<StoredRuleSet> {
  const [row] = await tx.select().from(ruleSets).where(eq(ruleSets.version, version)).for('update');
  if (!row) throw new RuleSetError('not_found', `Rule set version ${version} does not exist.`);
  if (row.status !== 'draft')
    throw new RuleSetError(
      'not_draft',
      `Version ${version} is ${row.status}, not a draft; ${doing}.`,
    );
  return stored(row);
}

/** The open draft, or a new one copied from the published rules. */
export async function startDraft(db: Executor, { actorUserId }: Actor): Promise<StoredRuleSet> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const [draft] = await tx.select().from(ruleSets).where(eq(ruleSets.status, 'draft'));
    if (draft) return stored(draft);
    const published = await getPublishedRuleSet(tx);
    const [row] = await tx
      .insert(ruleSets)
      .values({
        version,
        status: 'draft',
        params: published.params,
        basedOnVersion: published.version,
        createdBy: actorUserId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId,
      action: 'rule_set.start_draft',
      entity,
      entityId: version,
      after: { version, basedOnVersion: published.version, params: published.params },
    });
    return stored(row!);
  });
}

/** Saves a draft's values, checked by the engine's schema; audited with both sides. */
export async function updateDraft(
  db: Executor,
  version: number,
  params: unknown,
  { actorUserId }: Actor = { actorUserId: null },
): Promise<StoredRuleSet> {
  const checked = parseRuleParams(params);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, version, 'start a new draft to change the rules');
    const [row] = await tx
      .update(ruleSets)
      .set({ params: checked })
      .where(eq(ruleSets.id, draft.id))
      .returning();
    await recordAudit(tx, {
      actorUserId,
      action: 'rule_set.save_draft',
      entity,
      entityId: version,
      before: { params: draft.params },
      after: { params: checked },
    });
    return stored(row!);
  });
}

/**
 * Sets the open draft aside without publishing it. It stays in the history as a draft that
 * was never published (as rollbackTo leaves an overtaken one).
 */
export async function discardDraft(
  db: Executor,
  { version, actorUserId }: Actor & { version: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockRuleSets(tx);
    const row = await lockDraft(tx, version, 'there is nothing to discard');
    await tx.update(ruleSets).set({ status: 'archived' }).where(eq(ruleSets.id, row.id));
    await recordAudit(tx, {
      actorUserId,
      action: 'rule_set.discard',
      entity,
      entityId: version,
      before: { version, params: row.params, basedOnVersion: row.basedOnVersion },
    });
  });
}

async function publishRow(
  tx: Executor,
  row: StoredRuleSet,
  {
    actorUserId,
    note,
    action,
    also,
  }: Actor & { note: string; action: string; also?: Record<string, unknown> },
): Promise<StoredRuleSet> {
  const before = await getPublishedRuleSet(tx);
  await tx.update(ruleSets).set({ status: 'archived' }).where(eq(ruleSets.id, before.id));
  const [after] = await tx
    .update(ruleSets)
    // The transaction's time, as the audit row's.
    .set({ status: 'published', note, publishedBy: actorUserId, publishedAt: sql`now()` })
    .where(eq(ruleSets.id, row.id))
    .returning();
  await recordAudit(tx, {
    actorUserId,
    action,
    entity,
    entityId: row.version,
    before: { version: before.version, params: before.params },
    after: { version: row.version, params: row.params, note, ...also },
  });
  return stored(after!);
}

/**
 * Publishes a draft; the lifecycle job then recomputes every fan under it. Refused when
 * the draft is stale: another version was published after the draft was started.
 */
export async function publishDraft(
  db: Executor,
  { version, note, actorUserId }: Actor & { version: number; note: string },
): Promise<StoredRuleSet> {
  const checkedNote = checkRuleNote(note);
  return db.transaction(async (tx) => {
    await lockRuleSets(tx);
    const draft = await lockDraft(tx, version, 'start a new draft to change the rules');
    parseRuleParams(draft.params);
    const published = await getPublishedRuleSet(tx);
    if (draft.basedOnVersion !== published.version)
      throw new RuleSetError(
        'stale_draft',
        `Draft v${version} started from v${draft.basedOnVersion}, but v${published.version} was published since; start a new draft.`,
      );
    return publishRow(tx, draft, { actorUserId, note: checkedNote, action: 'rule_set.publish' });
  });
}

/**
 * Rolls back to an earlier version's rules by publishing them again as a new version, so
 * the version history (and the history of stage changes that cites it) stays linear.
 */
export async function rollbackTo(
  db: Executor,
  { version, note, actorUserId }: Actor & { version: number; note?: string },
): Promise<StoredRuleSet> {
  const checkedNote = checkRuleNote(note ?? `Rollback to v${version}`);
  return db.transaction(async (tx) => {
    await lockRuleSets(tx);
    const target = await getRuleSet(tx, version);
    if (target.status === 'draft' || target.publishedAt === null)
      throw new RuleSetError(
        'not_draft',
        `Version ${version} was never published; only published versions can be rolled back to.`,
      );
    const published = await getPublishedRuleSet(tx);
    if (target.version === published.version)
      throw new RuleSetError('invalid', `Version ${version} is already the published one.`);
    const next = await nextVersion(tx);
    // An open draft started from rules that are no longer published; it stays in the
    // history as an abandoned draft.
    const setAside = await tx
      .update(ruleSets)
      .set({ status: 'archived' })
      .where(eq(ruleSets.status, 'draft'))
      .returning({ version: ruleSets.version });
    const [row] = await tx
      .insert(ruleSets)
      .values({
        version: next,
        status: 'draft',
        params: target.params,
        basedOnVersion: published.version,
        createdBy: actorUserId,
      })
      .returning();
    return publishRow(tx, stored(row!), {
      actorUserId,
      note: checkedNote,
      action: 'rule_set.rollback',
      also: {
        rolledBackTo: version,
        ...(setAside[0] ? { draftSetAside: setAside[0].version } : {}),
      },
    });
  });
}
