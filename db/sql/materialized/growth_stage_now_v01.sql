-- Fans per stage now per community (0: all, each fan once), for the overview. Refreshed
-- after each lifecycle refresh that changed a stage, so it is as fresh as fan_lifecycle,
-- except that fans new to a community count there once growth_fan_joins has them.
create materialized view growth_stage_now as
select j.community_id, l.stage, count(*)::int as fans
from growth_fan_joins j join fan_lifecycle l using (fan_id)
group by j.community_id, l.stage
union all
select 0, stage, count(*)::int from fan_lifecycle group by stage;
