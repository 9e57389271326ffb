import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';

// In dependency order: the later views read growth_fan_joins.
const views = [
  'growth_fan_joins',
  'growth_join_days',
  'growth_cohort_weeks',
  'growth_stage_outcomes',
  'growth_stage_months',
  'growth_members_daily',
] as const;

/**
 * Recomputes the growth charts' rollups from fan_daily, memberships, purchases and the
 * stage history. CONCURRENTLY keeps them readable meanwhile; each view is swapped in its own
 * transaction, so a chart may briefly combine two refreshes, never a half-written view.
 */
export async function refreshGrowthRollups(db: Database): Promise<{ view: string; ms: number }[]> {
  const timings: { view: string; ms: number }[] = [];
  for (const view of views) {
    const started = performance.now();
    await db.execute(sql.raw(`refresh materialized view concurrently ${view}`));
    timings.push({ view, ms: Math.round(performance.now() - started) });
  }
  return timings;
}
