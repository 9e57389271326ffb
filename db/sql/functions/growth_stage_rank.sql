-- Stages ranked from worst to best, for "moved to a better stage" in the growth rollups.
create or replace function growth_stage_rank(s lifecycle_stage) returns int
language sql immutable parallel safe as $$
  select case s when 'churned' then 0 when 'at_risk' then 1 when 'new' then 2
    when 'active' then 3 when 'core' then 4 when 'high_value' then 5 end
$$;
