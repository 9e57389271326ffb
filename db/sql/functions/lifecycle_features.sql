-- Per-fan features as of T, exactly as DESIGN §5's "Precise semantics" defines them. The
-- stage is a function of the facts up to a time T and a rule set's parameters, so history,
-- previews and the CLI all call the same functions. A plain SQL set-returning function,
-- which Postgres inlines into the calling query: `only_fans` null (every fan) or a list
-- plans as a constant.
CREATE OR REPLACE FUNCTION lifecycle_features(as_of timestamptz, params jsonb, only_fans bigint[] DEFAULT NULL)
RETURNS TABLE (
  fan_id bigint,
  joined_at timestamptz,
  last_engaged_at timestamptz,
  first_window_engagements bigint,
  window_engagements bigint,
  window_messages bigint,
  active_days bigint,
  spend numeric,
  left_all boolean,
  -- When the next day leaves the core window, and the next purchase the value window.
  window_drop_at timestamptz,
  spend_drop_at timestamptz
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH p AS (
  SELECT (params->>'new_window_days')::int * interval '24 hours' AS new_window,
    (params->>'core_window_days')::int AS core_days,
    (params->>'high_value_window_days')::int * interval '24 hours' AS value_window
),
-- The days of the core window in each community's own calendar and when each leaves it.
-- Each calendar date also gets a bit in one of six 63-bit words (communities in different
-- zones may be a day apart, so 366 dates at most): distinct active days across
-- communities are then a few bit_or per fan, with no per-fan sort.
window_days AS (
  SELECT w.community_id, w.day, w.drop_at,
    (max(w.day) OVER () - w.day) / 63 AS word,
    1::bigint << ((max(w.day) OVER () - w.day) % 63) AS bit
  FROM (
    SELECT c.id AS community_id, g.day::date AS day,
      (g.day::date + p.core_days)::timestamp AT TIME ZONE c.time_zone AS drop_at
    FROM communities c CROSS JOIN p
    CROSS JOIN LATERAL generate_series((as_of AT TIME ZONE c.time_zone)::date - p.core_days + 1,
      (as_of AT TIME ZONE c.time_zone)::date, interval '1 day') g(day)
  ) w
),
-- The fans in question, with the end of their first window worked out once per fan.
fan_set AS (
  SELECT f.id AS fan_id, f.first_seen_at + p.new_window AS first_window_end
  FROM fans f CROSS JOIN p
  WHERE f.first_seen_at <= as_of AND (only_fans IS NULL OR f.id = ANY (only_fans))
),
-- A day that T or the end of the first window cuts through is recounted from its events;
-- every other day counts whole from the rollup.
per_fan AS (
  SELECT d.fan_id,
    max(CASE WHEN d.last_at <= as_of THEN d.last_at ELSE (
      SELECT max(e.occurred_at) FROM events e
      WHERE e.fan_id = d.fan_id AND e.community_id = d.community_id
        AND e.occurred_at >= d.first_at AND e.occurred_at <= as_of) END) AS last_engaged_at,
    sum(CASE
      WHEN d.first_at >= f.first_window_end THEN 0
      WHEN d.last_at < f.first_window_end AND d.last_at <= as_of THEN d.engagements
      ELSE (
        SELECT count(*) FROM events e
        WHERE e.fan_id = d.fan_id AND e.community_id = d.community_id
          AND e.occurred_at >= d.first_at AND e.occurred_at < f.first_window_end
          AND e.occurred_at <= as_of) END) AS first_window_engagements,
    sum(CASE WHEN d.last_at <= as_of THEN d.engagements ELSE (
      SELECT count(*) FROM events e
      WHERE e.fan_id = d.fan_id AND e.community_id = d.community_id
        AND e.occurred_at >= d.first_at AND e.occurred_at <= as_of) END)
      FILTER (WHERE w.drop_at IS NOT NULL) AS window_engagements,
    sum(CASE WHEN d.last_at <= as_of THEN d.messages ELSE (
      SELECT count(*) FROM events e
      WHERE e.fan_id = d.fan_id AND e.community_id = d.community_id
        AND e.occurred_at >= d.first_at AND e.occurred_at <= as_of
        AND e.type IN ('message', 'reply')) END)
      FILTER (WHERE w.drop_at IS NOT NULL) AS window_messages,
    -- Distinct days: a fan active in two communities on one date has one active day.
    coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 0)::bit(64)), 0)
      + coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 1)::bit(64)), 0)
      + coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 2)::bit(64)), 0)
      + coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 3)::bit(64)), 0)
      + coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 4)::bit(64)), 0)
      + coalesce(bit_count(bit_or(w.bit) FILTER (WHERE w.word = 5)::bit(64)), 0) AS active_days,
    min(w.drop_at) AS window_drop_at
  FROM fan_daily d
  JOIN fan_set f ON f.fan_id = d.fan_id
  LEFT JOIN window_days w ON w.community_id = d.community_id AND w.day = d.day
  WHERE d.first_at <= as_of AND (only_fans IS NULL OR d.fan_id = ANY (only_fans))
  GROUP BY d.fan_id
),
spend AS (
  -- In the base currency: a purchase without a rate for its day adds nothing (base_amount null).
  SELECT pu.fan_id, sum(pu.base_amount) AS spend, min(pu.occurred_at) + min(p.value_window) AS spend_drop_at
  FROM purchases pu CROSS JOIN p
  WHERE pu.occurred_at <= as_of AND pu.occurred_at > as_of - p.value_window
    AND (only_fans IS NULL OR pu.fan_id = ANY (only_fans))
  GROUP BY pu.fan_id
),
-- Left every community it is in: in each community where it has a fact or a record up to
-- T, the latest record is a leave; facts without any record count as joined. Only fans
-- with a leave can qualify, so only their records are read.
latest_records AS (
  SELECT DISTINCT ON (m.fan_id, m.community_id) m.fan_id, m.community_id, m.action
  FROM memberships m
  WHERE m.occurred_at <= as_of AND (only_fans IS NULL OR m.fan_id = ANY (only_fans))
    AND m.fan_id IN (
    SELECT l.fan_id FROM memberships l
    WHERE l.action = 'leave' AND l.occurred_at <= as_of
      AND (only_fans IS NULL OR l.fan_id = ANY (only_fans)))
  ORDER BY m.fan_id, m.community_id, m.occurred_at DESC, m.id DESC
),
left_records AS (
  SELECT lr.fan_id, array_agg(lr.community_id) AS communities
  FROM latest_records lr
  GROUP BY lr.fan_id
  HAVING bool_and(lr.action = 'leave')
),
left_all AS (
  SELECT l.fan_id FROM left_records l
  WHERE NOT EXISTS (
      SELECT 1 FROM fan_daily d
      WHERE d.fan_id = l.fan_id AND d.first_at <= as_of AND d.community_id <> ALL (l.communities))
    AND NOT EXISTS (
      SELECT 1 FROM purchases pu
      WHERE pu.fan_id = l.fan_id AND pu.occurred_at <= as_of
        AND pu.community_id <> ALL (l.communities))
)
SELECT f.id, f.first_seen_at, pf.last_engaged_at,
  coalesce(pf.first_window_engagements, 0)::bigint,
  coalesce(pf.window_engagements, 0)::bigint,
  coalesce(pf.window_messages, 0)::bigint,
  coalesce(pf.active_days, 0),
  coalesce(s.spend, 0),
  -- A hashed subplan: few fans have left, and a join estimate that low picks a nested loop.
  f.id IN (SELECT la.fan_id FROM left_all la),
  pf.window_drop_at,
  s.spend_drop_at
FROM fans f
LEFT JOIN per_fan pf ON pf.fan_id = f.id
LEFT JOIN spend s ON s.fan_id = f.id
WHERE f.first_seen_at <= as_of AND (only_fans IS NULL OR f.id = ANY (only_fans))
$$;
