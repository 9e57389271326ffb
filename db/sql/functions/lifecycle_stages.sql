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
