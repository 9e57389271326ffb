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
