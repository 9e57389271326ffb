import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { stages, type Stage } from '../../db/schema';
import type { GrowthFilters } from './filters';

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

/** Per-stage retention and conversion, over the Mondays in the range. */
export async function getStageOutcomes(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<StageOutcomes[]> {
  const rows = await db.execute<Row>(sql`
    select stage, sum(fans)::int8 as samples,
      ${sql.join(
        horizons.map(
          (h) => sql`
            coalesce(sum(fans) filter (where kept_${sql.raw(String(h))} is not null), 0)::int8
              as fans_${sql.raw(String(h))},
            coalesce(sum(kept_${sql.raw(String(h))}), 0)::int8 as kept_${sql.raw(String(h))},
            coalesce(sum(better_${sql.raw(String(h))}), 0)::int8 as better_${sql.raw(String(h))}`,
        ),
        sql`,`,
      )}
    from growth_stage_outcomes
    where community_id = ${communityId} and day between ${from}::date and ${to}::date
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
