import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { stages, type Stage } from '../../db/schema';
import type { GrowthFilters } from './filters';
import { historyCompleteAt } from './history-bounds';

export const horizons = [7, 30, 90] as const;
export type Horizon = (typeof horizons)[number];

/** Of `fans` (fans in the stage on a sampled Monday whose +N day has come): how many were still not churned, and how many had moved to a better stage. */
export interface Outcome {
  fans: number;
  kept: number;
  better: number;
}

export interface StageOutcomes {
  stage: Stage;
  /** Fan-Mondays in the stage within the range (a fan counts once per Monday). */
  samples: number;
  horizons: Record<Horizon, Outcome>;
}

type Row = { stage: Stage; samples: number } & Record<
  `${'fans' | 'kept' | 'better'}_${Horizon}`,
  number
>;

const h = (n: Horizon) => sql.raw(String(n));
const valueColumns = ['fans', ...horizons.flatMap((n) => [`kept_${n}`, `better_${n}`])];

/**
 * Each Monday (00:00 UTC) of the range up to the lifecycle job's last refresh, per stage:
 * the running sums of growth_stage_outcome_deltas in one community (0: all), with kept and
 * better null where Monday + N days is after that refresh.
 */
export function stageOutcomeMondays(communityId: number, from: string, to: string): SQL {
  const sums = sql.raw(valueColumns.map((c) => `sum(d.${c}) as ${c}`).join(', '));
  const running = sql.raw(
    valueColumns
      .map((c) => `coalesce(b.${c}, 0) + coalesce(sum(d.${c}) over w, 0) as ${c}`)
      .join(',\n'),
  );
  return sql`(
    with bounds as (select ${historyCompleteAt} as last_at),
    mondays as (
      select m::date as monday
      from bounds, generate_series(
        (${from}::date + (8 - extract(isodow from ${from}::date)::int) % 7)::timestamp,
        ${to}::date::timestamp, interval '7 days') m
      where m at time zone 'UTC' <= bounds.last_at
    ), deltas as (
      select * from growth_stage_outcome_deltas
      where community_id = ${communityId} and monday <= ${to}::date
    ), before as (
      select d.stage, ${sums} from deltas d
      where d.monday < (select min(monday) from mondays) group by d.stage
    ), grid as (
      select m.monday, s.stage
      from mondays m cross join unnest(enum_range(null::lifecycle_stage)) s(stage)
    ), running as (
      select g.monday, g.stage, ${running}
      from grid g
      left join deltas d on d.monday = g.monday and d.stage = g.stage
      left join before b on b.stage = g.stage
      window w as (partition by g.stage order by g.monday)
    )
    select r.monday, r.stage, r.fans,
      ${sql.join(
        horizons.flatMap((n) =>
          ['kept', 'better'].map(
            (
              k,
            ) => sql`case when (r.monday + ${h(n)})::timestamp at time zone 'UTC' <= bounds.last_at
              then r.${sql.raw(`${k}_${n}`)} end as ${sql.raw(`${k}_${n}`)}`,
          ),
        ),
        sql`, `,
      )}
    from running r, bounds
  )`;
}

/** Per-stage retention and conversion, over the Mondays in the range. */
export async function getStageOutcomes(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<StageOutcomes[]> {
  const rows = await db.execute<Row>(sql`
    select stage, sum(fans)::int8 as samples,
      ${sql.join(
        horizons.map(
          (n) => sql`
            coalesce(sum(fans) filter (where kept_${h(n)} is not null), 0)::int8 as fans_${h(n)},
            coalesce(sum(kept_${h(n)}), 0)::int8 as kept_${h(n)},
            coalesce(sum(better_${h(n)}), 0)::int8 as better_${h(n)}`,
        ),
        sql`,`,
      )}
    from ${stageOutcomeMondays(communityId, from, to)} o
    group by stage`);
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return stages.map((stage) => {
    const r = byStage.get(stage);
    const outcome = (h: Horizon): Outcome => ({
      fans: r?.[`fans_${h}`] ?? 0,
      kept: r?.[`kept_${h}`] ?? 0,
      better: r?.[`better_${h}`] ?? 0,
    });
    return {
      stage,
      samples: r?.samples ?? 0,
      horizons: { 7: outcome(7), 30: outcome(30), 90: outcome(90) },
    };
  });
}
