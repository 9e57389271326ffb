import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { getPublishedRuleSet } from './rule-sets';
import { stagesQuery, tuneForLifecycle } from './stages';

/**
 * Fans per stage at the end of `day` (in each community's own time zone) for every
 * community: the fans with a fact or a membership record there by then, under the
 * published rules. Replaces whatever was stored for that day. Returns rows written.
 */
export async function computeStageCounts(db: Database, day: string): Promise<number> {
  const ruleSet = await getPublishedRuleSet(db);
  const zones = await db.execute<{ time_zone: string; end_of_day: string }>(sql`
    select time_zone,
      ((${day}::date + 1)::timestamp at time zone time_zone - interval '1 microsecond')::text
        as end_of_day
    from communities group by time_zone`);
  let written = 0;
  for (const zone of zones) {
    const asOf = new Date(zone.end_of_day);
    written += await db.transaction(async (tx) => {
      await tuneForLifecycle(tx);
      const at = sql`${zone.end_of_day}::timestamptz`;
      await tx.execute(sql`
        delete from stage_daily_counts
        where day = ${day}::date
          and community_id in (select id from communities where time_zone = ${zone.time_zone})`);
      const rows = await tx.execute(sql`
        with stages as materialized (${stagesQuery(asOf, ruleSet.params)}),
        zone_communities as (select id from communities where time_zone = ${zone.time_zone}),
        present as (
          select fan_id, community_id from fan_daily
          where first_at <= ${at} and community_id in (select id from zone_communities)
          union
          select fan_id, community_id from memberships
          where occurred_at <= ${at} and community_id in (select id from zone_communities)
        )
        insert into stage_daily_counts (community_id, day, stage, fans, rule_set_version)
        select p.community_id, ${day}::date, s.stage, count(*), ${ruleSet.version}::int
        from present p join stages s on s.fan_id = p.fan_id
        group by p.community_id, s.stage
        returning 1`);
      return rows.length;
    });
  }
  return written;
}

/**
 * The finished days (everywhere: up to yesterday in the last time zone to end a day) since the first fact whose counts are
 * missing or were computed under other rules than the published ones, newest first.
 */
export async function staleStageCountDays(db: Database, limit: number): Promise<string[]> {
  const rows = await db.execute<{ day: string }>(sql`
    with bounds as (
      select min(day) as first_day from fan_daily
    ), published as (
      select version from rule_sets where status = 'published'
    )
    select g.day::date::text as day
    from bounds, generate_series(bounds.first_day,
      (now() at time zone 'Etc/GMT+12')::date - 1, interval '1 day') g(day)
    where bounds.first_day is not null and not exists (
      select 1 from stage_daily_counts c, published
      where c.day = g.day::date and c.rule_set_version = published.version)
    order by g.day desc
    limit ${limit}`);
  return rows.map((r) => r.day);
}

/** Computes up to `limit` of the stale days (newest first); returns how many it did. */
export async function fillStaleStageCounts(db: Database, limit: number): Promise<number> {
  const days = await staleStageCountDays(db, limit);
  for (const day of days) await computeStageCounts(db, day);
  return days.length;
}
