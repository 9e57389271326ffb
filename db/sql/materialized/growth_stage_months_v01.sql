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
