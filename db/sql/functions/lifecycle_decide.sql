-- The stage rules: lifecycle_decide() applies a rule set's thresholds to one fan's
-- features, whoever computed them. lifecycle_stages() feeds it features computed from the
-- facts (any T, any rules); lifecycle_stored_stages() feeds it the features the lifecycle
-- job keeps in fan_features, which is what makes a pass over every fan cheap.
--
-- The first rule that matches, in DESIGN §5's order, for one fan's features as of T under
-- the given parameters; and the next time the passing of time alone could change it.
CREATE OR REPLACE FUNCTION lifecycle_decide(as_of timestamptz, params jsonb, joined_at timestamptz,
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
