import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditLog, ruleSets, type RuleSet } from '../../db/schema';
import { RuleSetError } from './errors';
import { ruleParamsSchema, type RuleParams } from './rule-params';

export interface StoredRuleSet extends Omit<RuleSet, 'params'> {
  params: RuleParams;
}

type Actor = { actorUserId: number | null };

function stored(row: RuleSet): StoredRuleSet {
  return { ...row, params: row.params as RuleParams };
}

/** Checks rule values; throws a RuleSetError naming every offending field. */
export function parseRuleParams(input: unknown): RuleParams {
  const parsed = ruleParamsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(rules)';
    fields[field] ??= issue.message;
  }
  throw new RuleSetError(
    'invalid',
    `Invalid rules: ${Object.entries(fields)
      .map(([field, message]) => (message.startsWith(field) ? message : `${field}: ${message}`))
      .join('; ')}`,
    fields,
  );
}

export async function getPublishedRuleSet(db: Executor): Promise<StoredRuleSet> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.status, 'published'));
  if (!row) throw new RuleSetError('not_found', 'No rule set is published.');
  return stored(row);
}

export async function getRuleSet(db: Executor, version: number): Promise<StoredRuleSet> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.version, version));
  if (!row) throw new RuleSetError('not_found', `Rule set version ${version} does not exist.`);
  return stored(row);
}

/** Every version, newest first: the history operators see. */
export async function listRuleSets(db: Executor): Promise<StoredRuleSet[]> {
  const rows = await db.select().from(ruleSets).orderBy(desc(ruleSets.version));
  return rows.map(stored);
}

async function nextVersion(tx: Executor): Promise<number> {
  // Versions are handed out under a lock so two editors never take the same number.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rule_sets'))`);
  const [row] = await tx.execute<{ next: number }>(
    sql`select coalesce(max(version), 0) + 1 as next from rule_sets`,
  );
  return Number(row!.next);
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
    return stored(row!);
  });
}

export async function updateDraft(
  db: Executor,
  version: number,
  params: unknown,
): Promise<StoredRuleSet> {
  const checked = parseRuleParams(params);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, version);
    const [row] = await tx
      .update(ruleSets)
      .set({ params: checked })
      .where(eq(ruleSets.id, draft.id))
      .returning();
    return stored(row!);
  });
}

async function lockDraft(tx: Executor, version: number): Promise<StoredRuleSet> {
  const [row] = await tx.select().from(ruleSets).where(eq(ruleSets.version, version)).for('update');
  if (!row) throw new RuleSetError('not_found', `Rule set version ${version} does not exist.`);
  if (row.status !== 'draft')
    throw new RuleSetError(
      'not_draft',
      `Version ${version} is ${row.status}, not a draft; start a new draft to change the rules.`,
    );
  return stored(row);
}

async function publishRow(
  tx: Executor,
  row: StoredRuleSet,
  { actorUserId, note, action }: Actor & { note: string; action: string },
): Promise<StoredRuleSet> {
  const before = await getPublishedRuleSet(tx);
  const now = new Date();
  await tx.update(ruleSets).set({ status: 'archived' }).where(eq(ruleSets.id, before.id));
  const [after] = await tx
    .update(ruleSets)
    .set({ status: 'published', note, publishedBy: actorUserId, publishedAt: now })
    .where(eq(ruleSets.id, row.id))
    .returning();
  await tx.insert(auditLog).values({
    at: now,
    actorUserId,
    action,
    entity: 'rule_set',
    entityId: String(row.version),
    before: { version: before.version, params: before.params },
    after: { version: row.version, params: row.params, note },
  });
  return stored(after!);
}

function checkNote(note: string): string {
  const trimmed = note.trim();
  if (trimmed.length === 0 || trimmed.length > 500)
    throw new RuleSetError('invalid', 'A note of 1 to 500 characters is required.', {
      note: 'note must be 1 to 500 characters',
    });
  return trimmed;
}

/**
 * Publishes a draft; the lifecycle job then recomputes every fan under it. Refused when
 * the draft is stale: another version was published after the draft was started.
 */
export async function publishDraft(
  db: Executor,
  { version, note, actorUserId }: Actor & { version: number; note: string },
): Promise<StoredRuleSet> {
  const checkedNote = checkNote(note);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rule_sets'))`);
    const draft = await lockDraft(tx, version);
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
  const checkedNote = checkNote(note ?? `Rollback to v${version}`);
  return db.transaction(async (tx) => {
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
    await tx.update(ruleSets).set({ status: 'archived' }).where(eq(ruleSets.status, 'draft'));
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
    });
  });
}
