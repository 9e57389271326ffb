-- Weekly join cohorts (weeks start on Monday): fans of each cohort with an engagement in
-- the N-th week after the join week (0 = the join week). Join days as growth_join_days
-- counts them: in the community's zone, and for all communities the fan's first presence
-- anywhere, in UTC.
create materialized view growth_cohort_weeks as
with active_weeks as (
  select distinct fan_id, community_id, date_trunc('week', day)::date as week
  from fan_daily where engagements > 0
), per_community as (
  select j.community_id, date_trunc('week', j.joined_day)::date as cohort_week, a.week
  from growth_fan_joins j join active_weeks a using (fan_id, community_id)
), all_communities as (
  select 0::int8 as community_id, date_trunc('week', f.joined_day)::date as cohort_week, a.week
  from (
    select fan_id, (min(present_from) at time zone 'UTC')::date as joined_day
    from growth_fan_joins group by fan_id
  ) f
  join (select distinct fan_id, week from active_weeks) a using (fan_id)
)
select community_id, cohort_week, ((week - cohort_week) / 7)::int as week_index,
  count(*)::int as engaged_fans
from (select * from per_community union all select * from all_communities) x
where week >= cohort_week
group by community_id, cohort_week, week_index;
