import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { GrowthFilters } from './filters';

export interface Cohort {
  /** Monday of the join week. */
  week: string;
  fans: number;
  /** engaged[n]: fans of the cohort with an engagement in week n after joining (0: the join week), up to this week. */
  engaged: number[];
}

/** Weekly join cohorts whose week starts in the range (the week holding `from` included), every week since. */
export async function getCohortRetention(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<Cohort[]> {
  const rows = await db.execute<{ week: string; fans: number; engaged: number[] }>(sql`
    with sizes as (
      select date_trunc('week', joined_day)::date as week, sum(joined)::int8 as fans
      from growth_join_days
      where community_id = ${communityId}
        and joined_day >= date_trunc('week', ${from}::date) and joined_day <= ${to}::date
      group by 1
    )
    select to_char(s.week, 'YYYY-MM-DD') as week, s.fans,
      array(
        select coalesce(w.engaged_fans, 0)::int8
        from generate_series(0, (date_trunc('week', current_date)::date - s.week) / 7) i
        left join growth_cohort_weeks w
          on w.community_id = ${communityId} and w.cohort_week = s.week and w.week_index = i
        order by i) as engaged
    from sizes s order by s.week`);
  return rows.map((r) => ({ week: r.week, fans: r.fans, engaged: r.engaged.map(Number) }));
}
