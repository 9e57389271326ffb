-- What the given fans add to growth_stage_month_deltas: each move in its calendar month
-- (UTC), in community 0 and in each community the fan had arrived in by that month's end
-- (its join day there, community time zone), and each arrival with the stage held at the
-- end of the arrival month. Summed up to a month, they give the fans per stage at its end.
-- The lifecycle job subtracts a fan's part before replacing its history and adds it after.
CREATE OR REPLACE FUNCTION stage_month_changes(only_fans bigint[])
RETURNS TABLE (community_id bigint, month date, stage lifecycle_stage, fans bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH moves AS (
  SELECT h.fan_id, date_trunc('month', h.changed_at AT TIME ZONE 'UTC')::date AS month,
    h.from_stage, h.to_stage
  FROM fan_stage_history h WHERE h.fan_id = ANY (only_fans)
),
arrivals AS (
  SELECT j.fan_id, j.community_id,
    (j.joined_day - (extract(day FROM j.joined_day)::int - 1)) AS month
  FROM growth_fan_joins j WHERE j.fan_id = ANY (only_fans)
),
placed AS (
  SELECT 0::bigint AS community_id, m.month, m.from_stage, m.to_stage FROM moves m
  UNION ALL
  SELECT a.community_id, m.month, m.from_stage, m.to_stage
  FROM arrivals a JOIN moves m ON m.fan_id = a.fan_id AND m.month > a.month
  UNION ALL
  SELECT a.community_id, a.month, NULL, held.to_stage
  FROM arrivals a
  CROSS JOIN LATERAL (
    SELECT h.to_stage FROM fan_stage_history h
    WHERE h.fan_id = a.fan_id
      AND h.changed_at < (a.month + interval '1 month')::timestamp AT TIME ZONE 'UTC'
    ORDER BY h.changed_at DESC, h.id DESC LIMIT 1) held
)
SELECT x.community_id, x.month, x.stage, sum(x.delta)::bigint
FROM (
  SELECT pl.community_id, pl.month, pl.from_stage AS stage, -1 AS delta
  FROM placed pl WHERE pl.from_stage IS NOT NULL
  UNION ALL
  SELECT pl.community_id, pl.month, pl.to_stage, 1 FROM placed pl
) x
GROUP BY x.community_id, x.month, x.stage
HAVING sum(x.delta) <> 0
$$;
