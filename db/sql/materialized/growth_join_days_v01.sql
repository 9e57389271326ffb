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
