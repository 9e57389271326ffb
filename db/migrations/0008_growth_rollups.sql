-- Growth rollups: materialized views the growth job refreshes (CONCURRENTLY, so charts keep
-- reading). community_id 0 is "all communities": a fan in two communities counts once there.

-- db/sql/materialized/growth_fan_joins_v01.sql
-- Where each fan is present: its first day (community time zone) with a fact or a
-- membership record in each community.
create materialized view growth_fan_joins as
select fan_id, community_id, min(day) as joined_day
from (
  select fan_id, community_id, min(day) as day from fan_daily group by fan_id, community_id
  union all
  select m.fan_id, m.community_id, min((m.occurred_at at time zone c.time_zone)::date)
  from memberships m join communities c on c.id = m.community_id
  group by m.fan_id, m.community_id
) firsts
group by fan_id, community_id;
--> statement-breakpoint
create unique index growth_fan_joins_key on growth_fan_joins (community_id, fan_id);
--> statement-breakpoint
create index growth_fan_joins_fan_idx on growth_fan_joins (fan_id);
--> statement-breakpoint

-- Now db/sql/views/growth_stage_spans.sql and db/sql/functions/growth_stage_rank.sql.
-- Stage spans from the stage history: the stage a fan held from `from_at` until `to_at`
-- (null: still holds it). The rank orders stages from worst to best for "moved to a
-- better stage".
create view growth_stage_spans as
select h.fan_id, h.to_stage as stage, h.changed_at as from_at,
  lead(h.changed_at) over (partition by h.fan_id order by h.changed_at, h.id) as to_at
from fan_stage_history h;
--> statement-breakpoint
create function growth_stage_rank(s lifecycle_stage) returns int
language sql immutable parallel safe as $$
  select case s when 'churned' then 0 when 'at_risk' then 1 when 'new' then 2
    when 'active' then 3 when 'core' then 4 when 'high_value' then 5 end
$$;
--> statement-breakpoint

-- db/sql/materialized/growth_join_days_v01.sql
-- Per join day: fans who joined, and how many of them ever reached each funnel step or a
-- later one (new → active → core → high_value).
create materialized view growth_join_days as
with reached as (
  select fan_id,
    bool_or(to_stage in ('active', 'core', 'high_value')) as active,
    bool_or(to_stage in ('core', 'high_value')) as core,
    bool_or(to_stage = 'high_value') as high_value
  from fan_stage_history group by fan_id
), scoped as (
  select community_id, fan_id, joined_day from growth_fan_joins
  union all
  select 0, fan_id, min(joined_day) from growth_fan_joins group by fan_id
)
select s.community_id, s.joined_day, count(*)::int as joined,
  count(*) filter (where r.active)::int as reached_active,
  count(*) filter (where r.core)::int as reached_core,
  count(*) filter (where r.high_value)::int as reached_high_value
from scoped s left join reached r using (fan_id)
group by s.community_id, s.joined_day;
--> statement-breakpoint
create unique index growth_join_days_key on growth_join_days (community_id, joined_day);
--> statement-breakpoint

-- db/sql/materialized/growth_cohort_weeks_v01.sql
-- Weekly join cohorts (weeks start on Monday): fans of each cohort with an engagement in
-- the N-th week after the join week (0 = the join week).
create materialized view growth_cohort_weeks as
with active_weeks as (
  select distinct fan_id, community_id, date_trunc('week', day)::date as week
  from fan_daily where engagements > 0
), per_community as (
  select j.community_id, date_trunc('week', j.joined_day)::date as cohort_week, a.week
  from growth_fan_joins j join active_weeks a using (fan_id, community_id)
), all_communities as (
  select 0::int8 as community_id, date_trunc('week', f.joined_day)::date as cohort_week, a.week
  from (select fan_id, min(joined_day) as joined_day from growth_fan_joins group by fan_id) f
  join (select distinct fan_id, week from active_weeks) a using (fan_id)
)
select community_id, cohort_week, ((week - cohort_week) / 7)::int as week_index,
  count(*)::int as engaged_fans
from (select * from per_community union all select * from all_communities) x
where week >= cohort_week
group by community_id, cohort_week, week_index;
--> statement-breakpoint
create unique index growth_cohort_weeks_key
  on growth_cohort_weeks (community_id, cohort_week, week_index);
--> statement-breakpoint

-- db/sql/materialized/growth_stage_outcomes_v01.sql
-- Per-stage retention and conversion, sampled on Mondays at 00:00 UTC: of the fans in a
-- stage then, how many were not churned, and how many had moved to a better stage, 7, 30
-- and 90 days later. Null where that day is still to come (after the lifecycle job's last refresh).
create materialized view growth_stage_outcomes as
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
group by s.community_id, s.at, s.stage, b.last_at;
--> statement-breakpoint
create unique index growth_stage_outcomes_key on growth_stage_outcomes (community_id, day, stage);
--> statement-breakpoint

-- db/sql/materialized/growth_stage_months_v01.sql
-- Revenue per stage per calendar month (UTC): each fan counts in the stage it held at the
-- month's end (for the current month, at the last refresh), with all its purchases of that
-- month, so the stages split the month's revenue and fans without overlap.
create materialized view growth_stage_months as
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
  select h.month, h.fan_id, p.currency, sum(p.amount) as amount
  from holders h join purchases p on p.fan_id = h.fan_id
    and p.occurred_at >= h.month::timestamp at time zone 'UTC'
    and p.occurred_at < (h.month + interval '1 month')::timestamp at time zone 'UTC'
  group by h.month, h.fan_id, p.currency
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
from fans f left join amounts a using (community_id, month, stage);
--> statement-breakpoint
create unique index growth_stage_months_key
  on growth_stage_months (community_id, month, stage, currency);
--> statement-breakpoint

-- db/sql/materialized/growth_members_daily_v01.sql
-- Known members per community at the end of each day with a change (community time
-- zone): fans whose latest membership record is a join. Telegram lists channel members
-- only partly, so for channels this is the members we know of, not the subscriber count.
create materialized view growth_members_daily as
with records as (
  select m.community_id, m.fan_id, m.action,
    (m.occurred_at at time zone c.time_zone)::date as day,
    lag(m.action) over (partition by m.community_id, m.fan_id order by m.occurred_at, m.id) as prev
  from memberships m join communities c on c.id = m.community_id
), deltas as (
  select community_id, day,
    sum(case when action = 'join' and prev is distinct from 'join' then 1
      when action = 'leave' and prev = 'join' then -1 else 0 end) as delta
  from records group by community_id, day
)
select community_id, day,
  (sum(delta) over (partition by community_id order by day))::int as members
from deltas;
--> statement-breakpoint
create unique index growth_members_daily_key on growth_members_daily (community_id, day);
