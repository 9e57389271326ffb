import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';

// The rollups of the facts. Those of the stage history (the funnel, per-stage retention,
// fans per stage per month) are tables the history replay keeps (lib/history/history-shares.ts).
const views = ['growth_cohort_weeks', 'growth_members_daily'] as const;

/**
 * Recomputes the growth charts' rollups of fan_daily and memberships. CONCURRENTLY keeps
 * them readable meanwhile; each view is swapped in its own transaction, so a chart may
 * briefly combine two refreshes, never a half-written view.
 */
export async function refreshGrowthRollups(db: Database): Promise<{ view: string; ms: number }[]> {
  const timings: { view: string; ms: number }[] = [];
  for (const view of views) timings.push({ view, ms: await refreshView(db, view) });
  return timings;
}

async function refreshView(db: Database, view: (typeof views)[number]): Promise<number> {
  const started = performance.now();
  await db.execute(sql.raw(`refresh materialized view concurrently ${view}`));
  // Fresh statistics, or the planner takes a community's fans for a handful of rows.
  await db.execute(sql.raw(`analyze ${view}`));
  return Math.round(performance.now() - started);
}
