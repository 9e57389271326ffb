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
  'growth_stage_now',
] as const;

/**
 * Recomputes the growth charts' rollups from fan_daily, memberships, purchases and the
 * stage history. CONCURRENTLY keeps them readable meanwhile; each view is swapped in its own
 * transaction, so a chart may briefly combine two refreshes, never a half-written view.
 */
export async function refreshGrowthRollups(db: Database): Promise<{ view: string; ms: number }[]> {
  const timings: { view: string; ms: number }[] = [];
  for (const view of views) timings.push({ view, ms: await refreshView(db, view) });
  return timings;
}

/** The overview's stage counts now; the lifecycle job calls it after changing stages. */
export async function refreshStageNow(db: Database): Promise<void> {
  await refreshView(db, 'growth_stage_now');
}

async function refreshView(db: Database, view: (typeof views)[number]): Promise<number> {
  const started = performance.now();
  await db.execute(sql.raw(`refresh materialized view concurrently ${view}`));
  // Fresh statistics, or the planner takes a community's fans for a handful of rows.
  await db.execute(sql.raw(`analyze ${view}`));
  return Math.round(performance.now() - started);
}
