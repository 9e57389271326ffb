import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client';

// The growth rollups of the stage history as the materialized views computed them before
// they became share-swapped tables (db/sql/materialized/*_v01.sql, migration 0008): the
// oracle the tables are checked against. One change: for all communities a fan joins on
// its first presence anywhere in UTC (the views took the earliest of its days in each
// community's zone), as the stage counts per day count it.

const inputs = sql.raw(`
  growth_fan_joins as (
    select fan_id, community_id, min(day) as joined_day
    from (
      select fan_id, community_id, min(day) as day from fan_daily group by fan_id, community_id
      union all
      select m.fan_id, m.community_id, min((m.occurred_at at time zone c.time_zone)::date)
      from memberships m join communities c on c.id = m.community_id
      group by m.fan_id, m.community_id
    ) firsts
    group by fan_id, community_id
  ), first_presence as (
    select fan_id, (min(at) at time zone 'UTC')::date as joined_day from (
      select fan_id, first_at as at from fan_daily
      union all
      select fan_id, occurred_at from memberships
    ) x group by fan_id
  ), growth_stage_spans as (
    select h.fan_id, h.to_stage as stage, h.changed_at as from_at,
      lead(h.changed_at) over (partition by h.fan_id order by h.changed_at, h.id) as to_at
    from fan_stage_history h
  )`);

const query = (body: string): SQL => sql`with ${inputs} select * from (${sql.raw(body)}) q`;

/** growth_join_days_v01: per community and join day, fans joined and how many reached each step. */
export const oldJoinDays = (db: Executor) =>
  db.execute<Record<string, string>>(sql`
    select community_id::text, joined_day::text, joined::text, reached_active::text,
      reached_core::text, reached_high_value::text
    from (${query(`
    with reached as (
      select fan_id,
        bool_or(to_stage in ('active', 'core', 'high_value')) as active,
        bool_or(to_stage in ('core', 'high_value')) as core,
        bool_or(to_stage = 'high_value') as high_value
      from fan_stage_history group by fan_id
    ), scoped as (
      select community_id, fan_id, joined_day from growth_fan_joins
      union all
      select 0, fan_id, joined_day from first_presence
    )
    select s.community_id, s.joined_day, count(*)::int as joined,
      count(*) filter (where r.active)::int as reached_active,
      count(*) filter (where r.core)::int as reached_core,
      count(*) filter (where r.high_value)::int as reached_high_value
    from scoped s left join reached r using (fan_id)
    group by s.community_id, s.joined_day`)}) r
    order by 1, 2`);

/** growth_stage_outcomes_v01: per community, Monday and stage. */
export const oldStageOutcomes = (db: Executor) =>
  db.execute<Record<string, string | null>>(sql`
    select community_id::text, day::text as monday, stage::text, fans::text,
      kept_7::text, kept_30::text, kept_90::text, better_7::text, better_30::text,
      better_90::text
    from (${query(`
    with bounds as (
      -- The history is complete up to the lifecycle job's last refresh.
      select min(h.changed_at) as first_at,
        coalesce((select refreshed_at from lifecycle_state), max(h.changed_at)) as last_at
      from fan_stage_history h
    ), mondays as (
      select d::timestamptz as at
      from bounds, generate_series(date_trunc('week', first_at at time zone 'UTC') + interval '1 week',
        last_at at time zone 'UTC', interval '1 week') d
    ), holders as materialized (
      select m.at, s.fan_id, s.stage
      from mondays m join growth_stage_spans s on s.from_at <= m.at and (s.to_at is null or s.to_at > m.at)
    ), outcomes as materialized (
      select h.at, h.fan_id, h.stage,
        later.stage_7 <> 'churned' as kept_7, later.stage_30 <> 'churned' as kept_30,
        later.stage_90 <> 'churned' as kept_90,
        later.best_7 > growth_stage_rank(h.stage) as better_7,
        later.best_30 > growth_stage_rank(h.stage) as better_30,
        later.best_90 > growth_stage_rank(h.stage) as better_90
      from holders h
      cross join lateral (
        select
          (array_agg(x.to_stage order by x.changed_at desc, x.id desc)
            filter (where x.changed_at <= h.at + interval '7 days'))[1] as stage_7,
          (array_agg(x.to_stage order by x.changed_at desc, x.id desc)
            filter (where x.changed_at <= h.at + interval '30 days'))[1] as stage_30,
          (array_agg(x.to_stage order by x.changed_at desc, x.id desc))[1] as stage_90,
          max(growth_stage_rank(x.to_stage)) filter (where x.changed_at > h.at
            and x.changed_at <= h.at + interval '7 days') as best_7,
          max(growth_stage_rank(x.to_stage)) filter (where x.changed_at > h.at
            and x.changed_at <= h.at + interval '30 days') as best_30,
          max(growth_stage_rank(x.to_stage)) filter (where x.changed_at > h.at) as best_90
        from fan_stage_history x
        where x.fan_id = h.fan_id and x.changed_at <= h.at + interval '90 days'
      ) later
    ), scoped as (
      select o.*, j.community_id from outcomes o
      join growth_fan_joins j on j.fan_id = o.fan_id and j.joined_day <= (o.at at time zone 'UTC')::date
      union all
      select o.*, 0 from outcomes o
    )
    select s.community_id, (s.at at time zone 'UTC')::date as day, s.stage, count(*)::int as fans,
      case when s.at + interval '7 days' <= b.last_at then count(*) filter (where kept_7) end::int as kept_7,
      case when s.at + interval '30 days' <= b.last_at then count(*) filter (where kept_30) end::int as kept_30,
      case when s.at + interval '90 days' <= b.last_at then count(*) filter (where kept_90) end::int as kept_90,
      case when s.at + interval '7 days' <= b.last_at then count(*) filter (where better_7) end::int as better_7,
      case when s.at + interval '30 days' <= b.last_at then count(*) filter (where better_30) end::int as better_30,
      case when s.at + interval '90 days' <= b.last_at then count(*) filter (where better_90) end::int as better_90
    from scoped s cross join bounds b
    group by s.community_id, s.at, s.stage, b.last_at`)}) r
    order by 1, 2, 3`);

/** growth_stage_months_v01: per community, month and stage, its fans and revenue per currency. */
export const oldStageMonths = (db: Executor) =>
  db.execute<{
    community_id: string;
    month: string;
    stage: string;
    fans: number;
    paying_fans: number;
    currency: string;
    revenue: string;
  }>(sql`
    select community_id::text, to_char(month, 'YYYY-MM') as month, stage, fans,
      paying_fans, trim(currency) as currency, revenue::text as revenue
    from (${query(`
    with bounds as (
      select coalesce((select refreshed_at from lifecycle_state), max(changed_at)) as last_at
      from fan_stage_history
    ), months as (
      select m::date as month, least(m + interval '1 month', b.last_at) as at
      from bounds b, generate_series(
        (select date_trunc('month', min(changed_at) at time zone 'UTC') from fan_stage_history),
        b.last_at at time zone 'UTC', interval '1 month') m
    ), holders as materialized (
      select m.month, s.fan_id, s.stage
      from months m join growth_stage_spans s
        on s.from_at < m.at and (s.to_at is null or s.to_at >= m.at)
    ), revenue as (
      -- In the base currency, as ARPU counts it since purchases are converted.
      select h.month, h.fan_id, rs.base_currency as currency, sum(p.base_amount) as amount
      from holders h join purchases p on p.fan_id = h.fan_id
        and p.occurred_at >= h.month::timestamp at time zone 'UTC'
        and p.occurred_at < (h.month + interval '1 month')::timestamp at time zone 'UTC'
        and p.base_amount is not null
      cross join revenue_settings rs
      group by h.month, h.fan_id, rs.base_currency
    ), scoped as (
      select h.month, h.fan_id, h.stage, j.community_id from holders h
      join growth_fan_joins j on j.fan_id = h.fan_id
        and j.joined_day < (h.month + interval '1 month')::date
      union all
      select h.month, h.fan_id, h.stage, 0 from holders h
    ), fans as (
      select community_id, month, stage, count(*)::int as fans from scoped
      group by community_id, month, stage
    ), amounts as (
      select s.community_id, s.month, s.stage, r.currency, sum(r.amount) as revenue,
        count(*)::int as paying_fans
      from scoped s join revenue r on r.month = s.month and r.fan_id = s.fan_id
      group by s.community_id, s.month, s.stage, r.currency
    )
    select f.community_id, f.month, f.stage, f.fans, coalesce(a.currency, '') as currency,
      coalesce(a.revenue, 0)::numeric(16, 2) as revenue, coalesce(a.paying_fans, 0) as paying_fans
    from fans f left join amounts a using (community_id, month, stage)`)}) r
    order by community_id, r.month, stage, currency`);
