-- What the given fans add to growth_join_days: each fan once per community on its join day
-- there (community 0: its first presence anywhere, in UTC), and whether it ever reached
-- each funnel step or a later one. The lifecycle job subtracts a fan's part before
-- replacing its history and adds it after (lib/history/history-shares.ts).
CREATE OR REPLACE FUNCTION join_day_changes(only_fans bigint[])
RETURNS TABLE (community_id bigint, joined_day date, joined bigint, reached_active bigint,
  reached_core bigint, reached_high_value bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH reached AS (
  SELECT h.fan_id,
    bool_or(h.to_stage IN ('active', 'core', 'high_value')) AS active,
    bool_or(h.to_stage IN ('core', 'high_value')) AS core,
    bool_or(h.to_stage = 'high_value') AS high_value
  FROM fan_stage_history h WHERE h.fan_id = ANY (only_fans)
  GROUP BY h.fan_id
),
scoped AS (
  SELECT j.community_id, j.fan_id, j.joined_day
  FROM growth_fan_joins j WHERE j.fan_id = ANY (only_fans)
  UNION ALL
  SELECT 0, p.fan_id, (min(p.present_from) AT TIME ZONE 'UTC')::date
  FROM fan_presence p WHERE p.fan_id = ANY (only_fans)
  GROUP BY p.fan_id
)
SELECT s.community_id, s.joined_day, count(*),
  count(*) FILTER (WHERE r.active), count(*) FILTER (WHERE r.core),
  count(*) FILTER (WHERE r.high_value)
FROM scoped s LEFT JOIN reached r ON r.fan_id = s.fan_id
GROUP BY s.community_id, s.joined_day
$$;
