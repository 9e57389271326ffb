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
