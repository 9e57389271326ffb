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
