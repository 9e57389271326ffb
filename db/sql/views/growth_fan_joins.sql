-- Where each fan is present: the instant of its first fact or membership record in each
-- community (fan_presence, kept by the history replay) and that instant's day in the
-- community's time zone. A materialized view reads it (growth_cohort_weeks): change it in
-- a migration (README, "SQL functions and views").
create or replace view growth_fan_joins as
select p.fan_id, p.community_id, p.present_from,
  (p.present_from at time zone c.time_zone)::date as joined_day
from fan_presence p join communities c on c.id = p.community_id;
