-- What the given fans' stage history adds to stage_day_deltas: each move on its day (in
-- each community the fan had arrived in by then, in that community's zone; community 0 is
-- every fan once, in UTC), and each arrival in a community after the fan's first move with
-- the stage it held then. Summed up to a day, they give the fans per stage at its end. The
-- lifecycle job subtracts a fan's part before replacing its history and adds it after.
CREATE OR REPLACE FUNCTION stage_day_changes(only_fans bigint[])
RETURNS TABLE (community_id bigint, day date, stage lifecycle_stage, delta bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH moves AS (
  SELECT h.fan_id, h.changed_at, h.from_stage, h.to_stage
  FROM fan_stage_history h WHERE h.fan_id = ANY (only_fans)
),
placed AS (
  SELECT p.community_id, (m.changed_at AT TIME ZONE c.time_zone)::date AS day, m.from_stage,
    m.to_stage
  FROM moves m
  JOIN fan_presence p ON p.fan_id = m.fan_id AND p.present_from <= m.changed_at
    AND p.fan_id = ANY (only_fans)
  JOIN communities c ON c.id = p.community_id
  UNION ALL
  SELECT 0, (m.changed_at AT TIME ZONE 'UTC')::date, m.from_stage, m.to_stage FROM moves m
  UNION ALL
  SELECT p.community_id, (p.present_from AT TIME ZONE c.time_zone)::date, NULL, held.to_stage
  FROM fan_presence p
  JOIN communities c ON c.id = p.community_id
  CROSS JOIN LATERAL (
    SELECT h.to_stage FROM fan_stage_history h
    WHERE h.fan_id = p.fan_id AND h.changed_at < p.present_from
    ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) held
  WHERE p.fan_id = ANY (only_fans)
)
SELECT x.community_id, x.day, x.stage, sum(x.delta)::bigint
FROM (
  SELECT pl.community_id, pl.day, pl.from_stage AS stage, -1 AS delta
  FROM placed pl WHERE pl.from_stage IS NOT NULL
  UNION ALL
  SELECT pl.community_id, pl.day, pl.to_stage, 1 FROM placed pl
) x
GROUP BY x.community_id, x.day, x.stage
HAVING sum(x.delta) <> 0
$$;
