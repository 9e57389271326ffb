import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { stages, type Stage } from '../lifecycle/stage-names';

export type StageDay = { day: string } & Record<Stage, number>;

/**
 * Fans per stage at the end of each day from `from` to `to` in one community (0: every fan
 * once), in its time zone: the running sum of the stage history's changes per day.
 */
export async function stageCountsPerDay(
  db: Executor,
  { communityId, from, to }: { communityId: number; from: string; to: string },
): Promise<StageDay[]> {
  const rows = await db.execute<{ day: string; stage: Stage; fans: string }>(sql`
    with changes as (
      select day, stage, delta from stage_day_deltas
      where community_id = ${communityId} and day <= ${to}::date
    ), before as (
      select stage, sum(delta) as fans from changes where day < ${from}::date group by stage
    ), grid as (
      select g.day::date as day, s.stage
      from generate_series(${from}::date, ${to}::date, interval '1 day') g(day)
      cross join unnest(enum_range(null::lifecycle_stage)) s(stage)
    )
    select to_char(g.day, 'YYYY-MM-DD') as day, g.stage,
      (coalesce(b.fans, 0) + coalesce(sum(c.delta) over (partition by g.stage order by g.day), 0))::text as fans
    from grid g
    left join changes c on c.day = g.day and c.stage = g.stage
    left join before b on b.stage = g.stage
    order by g.day`);
  const byDay = new Map<string, StageDay>();
  for (const r of rows) {
    const entry =
      byDay.get(r.day) ??
      ({ day: r.day, ...Object.fromEntries(stages.map((s) => [s, 0])) } as StageDay);
    entry[r.stage] = Number(r.fans);
    byDay.set(r.day, entry);
  }
  return [...byDay.values()];
}

/** Fans per stage at the end of `day` (inclusive of every change up to it), one community. */
export async function stageCountsOn(
  db: Executor,
  { communityId, day }: { communityId: number; day: string },
): Promise<Record<Stage, number>> {
  const [row] = await stageCountsPerDay(db, { communityId, from: day, to: day });
  return row!;
}
