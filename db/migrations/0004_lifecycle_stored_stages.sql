-- History: the current definitions are in db/sql/functions (lifecycle_*.sql), applied at
-- every start; edit them there.

-- The stage rules split in two: lifecycle_decide() applies a rule set's thresholds to one
-- fan's features, whoever computed them. lifecycle_stages() feeds it features computed from
-- the facts (any T, any rules); lifecycle_stored_stages() feeds it the features the
-- lifecycle job keeps in fan_features, which is what makes a pass over every fan cheap.

-- Unchanged but for the fan filter on the membership records, which let a short fan list
-- read the whole memberships table.
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
  SELECT pu.fan_id, sum(pu.amount) AS spend, min(pu.occurred_at) + min(p.value_window) AS spend_drop_at
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
--> statement-breakpoint

-- The first rule that matches, in DESIGN §5's order, for one fan's features as of T under
-- the given parameters; and the next time the passing of time alone could change it.
CREATE FUNCTION lifecycle_decide(as_of timestamptz, params jsonb, joined_at timestamptz,
  last_engaged_at timestamptz, first_window_engagements bigint, window_engagements bigint,
  window_messages bigint, active_days bigint, spend numeric, left_all boolean,
  window_drop_at timestamptz, spend_drop_at timestamptz)
RETURNS TABLE (
  stage lifecycle_stage,
  rule text,
  silence_days numeric,
  days_since_joined numeric,
  next_check_at timestamptz
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT
  CASE r.rule
    WHEN 'left_all' THEN 'churned'
    WHEN 'churn_silence' THEN 'churned'
    WHEN 'at_risk_silence' THEN 'at_risk'
    WHEN 'not_activated' THEN 'at_risk'
    WHEN 'spend' THEN 'high_value'
    WHEN 'core' THEN 'core'
    WHEN 'activated' THEN 'active'
    ELSE 'new'
  END::lifecycle_stage,
  r.rule,
  round(extract(epoch FROM x.silence) / 86400, 2),
  round(extract(epoch FROM as_of - joined_at) / 86400, 2),
  CASE WHEN r.rule NOT IN ('left_all', 'churn_silence') THEN least(
    CASE WHEN x.silence_from + p.at_risk > as_of THEN x.silence_from + p.at_risk END,
    CASE WHEN x.silence_from + p.churn > as_of THEN x.silence_from + p.churn END,
    CASE WHEN joined_at + p.new_window > as_of THEN joined_at + p.new_window END,
    CASE WHEN x.core OR (x.window_activated AND NOT x.first_window_activated)
      THEN window_drop_at END,
    CASE WHEN spend > 0 THEN spend_drop_at END) END
FROM (
  SELECT (params->>'new_window_days')::int * interval '24 hours' AS new_window,
    (params->>'activation_min_engagements')::int AS min_engagements,
    (params->>'core_active_days_over')::int AS core_days_over,
    (params->>'core_messages_over')::int AS core_messages_over,
    (params->>'at_risk_silence_days')::int * interval '24 hours' AS at_risk,
    ((params->>'at_risk_silence_days')::int + (params->>'churn_extra_silence_days')::int)
      * interval '24 hours' AS churn,
    (params->>'high_value_min_spend')::numeric AS min_spend
) p
CROSS JOIN LATERAL (
  SELECT coalesce(last_engaged_at, joined_at) AS silence_from,
    as_of - coalesce(last_engaged_at, joined_at) AS silence,
    first_window_engagements >= p.min_engagements AS first_window_activated,
    window_engagements >= p.min_engagements AS window_activated,
    active_days > p.core_days_over AND window_messages > p.core_messages_over AS core
) x
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN left_all THEN 'left_all'
    WHEN x.silence >= p.churn THEN 'churn_silence'
    WHEN x.silence >= p.at_risk THEN 'at_risk_silence'
    WHEN as_of - joined_at >= p.new_window
      AND NOT (x.first_window_activated OR x.window_activated) THEN 'not_activated'
    WHEN spend > 0 AND spend >= p.min_spend THEN 'spend'
    WHEN x.core THEN 'core'
    WHEN x.first_window_activated OR x.window_activated THEN 'activated'
    ELSE 'new'
  END AS rule
) r
$$;
--> statement-breakpoint

-- Every fan's (or only `only_fans`'s) stage as of T from the facts.
CREATE OR REPLACE FUNCTION lifecycle_stages(as_of timestamptz, params jsonb, only_fans bigint[] DEFAULT NULL)
RETURNS TABLE (
  fan_id bigint,
  stage lifecycle_stage,
  rule text,
  joined_at timestamptz,
  last_engaged_at timestamptz,
  silence_days numeric,
  days_since_joined numeric,
  first_window_engagements bigint,
  window_engagements bigint,
  window_messages bigint,
  active_days bigint,
  spend numeric,
  left_all boolean,
  next_check_at timestamptz
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT f.fan_id, d.stage, d.rule, f.joined_at, f.last_engaged_at, d.silence_days,
  d.days_since_joined, f.first_window_engagements, f.window_engagements, f.window_messages,
  f.active_days, f.spend, f.left_all, d.next_check_at
FROM lifecycle_features(as_of, params, only_fans) f
CROSS JOIN LATERAL lifecycle_decide(as_of, params, f.joined_at, f.last_engaged_at,
  f.first_window_engagements, f.window_engagements, f.window_messages, f.active_days, f.spend,
  f.left_all, f.window_drop_at, f.spend_drop_at) d
$$;
--> statement-breakpoint

-- The same from fan_features: equal to lifecycle_stages() when the stored features are
-- current as of T and were computed with `params`' windows, which the lifecycle job
-- ensures before it calls this.
CREATE FUNCTION lifecycle_stored_stages(as_of timestamptz, params jsonb, only_fans bigint[] DEFAULT NULL)
RETURNS TABLE (
  fan_id bigint,
  stage lifecycle_stage,
  rule text,
  joined_at timestamptz,
  last_engaged_at timestamptz,
  silence_days numeric,
  days_since_joined numeric,
  first_window_engagements bigint,
  window_engagements bigint,
  window_messages bigint,
  active_days bigint,
  spend numeric,
  left_all boolean,
  next_check_at timestamptz
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT f.fan_id, d.stage, d.rule, f.joined_at, f.last_engaged_at, d.silence_days,
  d.days_since_joined, f.first_window_engagements, f.window_engagements, f.window_messages,
  f.active_days, f.spend, f.left_all, d.next_check_at
FROM fan_features f
CROSS JOIN LATERAL lifecycle_decide(as_of, params, f.joined_at, f.last_engaged_at,
  f.first_window_engagements, f.window_engagements, f.window_messages, f.active_days, f.spend,
  f.left_all, f.window_drop_at, f.spend_drop_at) d
WHERE only_fans IS NULL OR f.fan_id = ANY (only_fans)
$$;
