import { asc, desc, eq, isNotNull, lte, and } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { ruleSets, type RuleSet } from '../../db/schema';
import { RuleSetError } from './errors';
import type { RuleParams } from './rule-params';

// Reading rule sets. Every change to them is lib/lifecycle/rule-set-writes.ts's.

export interface StoredRuleSet extends Omit<RuleSet, 'params'> {
  params: RuleParams;
}

/** A rule_sets row with its params typed: they were checked when written. */
export function stored(row: RuleSet): StoredRuleSet {
  return { ...row, params: row.params as RuleParams };
}

export async function getPublishedRuleSet(db: Executor): Promise<StoredRuleSet> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.status, 'published'));
  if (!row) throw new RuleSetError('not_found', 'No rule set is published.');
  return stored(row);
}

/**
 * The rules in force at `at`: the version last published by then, or before any publish
 * the first one (as the stage history applies them).
 */
export async function getRuleSetInForce(db: Executor, at: Date): Promise<StoredRuleSet> {
  const [before] = await db
    .select()
    .from(ruleSets)
    .where(and(isNotNull(ruleSets.publishedAt), lte(ruleSets.publishedAt, at)))
    .orderBy(desc(ruleSets.publishedAt))
    .limit(1);
  const [first] = before
    ? [before]
    : await db
        .select()
        .from(ruleSets)
        .where(isNotNull(ruleSets.publishedAt))
        .orderBy(asc(ruleSets.publishedAt))
        .limit(1);
  if (!first) throw new RuleSetError('not_found', 'No rule set was ever published.');
  return stored(first);
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
