-- What the given fans add to growth_stage_outcome_deltas. On a Monday (00:00 UTC) a fan
-- in a stage counts once in it, kept_N if it was not churned N days later and better_N if
-- it reached a better stage within N days (N = 7, 30, 90). That row only changes on the
-- first Monday on or after each move less 0, 7, 30 or 90 days, so it is worked out there,
-- and each change is added on its Monday: the sum of a fan's rows up to a Monday is its row
-- then. The fan counts in community 0 always, in a community from the first Monday on or
-- after its join day there. The lifecycle job subtracts a fan's part before replacing its
-- history and adds it after (lib/history/history-shares.ts).
CREATE OR REPLACE FUNCTION stage_outcome_changes(only_fans bigint[])
RETURNS TABLE (community_id bigint, monday date, stage lifecycle_stage, fans bigint,
  kept_7 bigint, kept_30 bigint, kept_90 bigint, better_7 bigint, better_30 bigint,
  better_90 bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH joins AS (
  SELECT j.fan_id, j.community_id,
    (j.joined_day + (8 - extract(isodow FROM j.joined_day)::int) % 7)::timestamp
      AT TIME ZONE 'UTC' AS from_at
  FROM growth_fan_joins j WHERE j.fan_id = ANY (only_fans)
),
points AS (
  SELECT h.fan_id,
    (date_trunc('week', (h.changed_at - d.back) AT TIME ZONE 'UTC' - interval '1 microsecond')
      + interval '1 week') AT TIME ZONE 'UTC' AS at
  FROM fan_stage_history h
  CROSS JOIN (VALUES (interval '0 days'), (interval '7 days'), (interval '30 days'),
    (interval '90 days')) d(back)
  WHERE h.fan_id = ANY (only_fans)
  UNION
  SELECT j.fan_id, j.from_at FROM joins j
),
valued AS (
  SELECT p.fan_id, p.at, o.stage,
    (o.stage_7 <> 'churned')::int AS kept_7,
    (o.stage_30 <> 'churned')::int AS kept_30,
    (o.stage_90 <> 'churned')::int AS kept_90,
    coalesce(o.best_7 > growth_stage_rank(o.stage), false)::int AS better_7,
    coalesce(o.best_30 > growth_stage_rank(o.stage), false)::int AS better_30,
    coalesce(o.best_90 > growth_stage_rank(o.stage), false)::int AS better_90
  FROM points p
  CROSS JOIN LATERAL (
    SELECT
      (array_agg(x.to_stage ORDER BY x.changed_at DESC, x.id DESC)
        FILTER (WHERE x.changed_at <= p.at))[1] AS stage,
      (array_agg(x.to_stage ORDER BY x.changed_at DESC, x.id DESC)
        FILTER (WHERE x.changed_at <= p.at + interval '7 days'))[1] AS stage_7,
      (array_agg(x.to_stage ORDER BY x.changed_at DESC, x.id DESC)
        FILTER (WHERE x.changed_at <= p.at + interval '30 days'))[1] AS stage_30,
      (array_agg(x.to_stage ORDER BY x.changed_at DESC, x.id DESC))[1] AS stage_90,
      max(growth_stage_rank(x.to_stage)) FILTER (WHERE x.changed_at > p.at
        AND x.changed_at <= p.at + interval '7 days') AS best_7,
      max(growth_stage_rank(x.to_stage)) FILTER (WHERE x.changed_at > p.at
        AND x.changed_at <= p.at + interval '30 days') AS best_30,
      max(growth_stage_rank(x.to_stage)) FILTER (WHERE x.changed_at > p.at) AS best_90
    FROM fan_stage_history x
    WHERE x.fan_id = p.fan_id AND x.changed_at <= p.at + interval '90 days'
  ) o
),
scopes AS (
  SELECT f AS fan_id, 0::bigint AS community_id, '-infinity'::timestamptz AS from_at
  FROM unnest(only_fans) f
  UNION ALL
  SELECT j.fan_id, j.community_id, j.from_at FROM joins j
),
sequenced AS (
  SELECT s.community_id, r.at, r.stage, r.kept_7, r.kept_30, r.kept_90, r.better_7,
    r.better_30, r.better_90,
    lag(r.stage) OVER w AS was_stage,
    lag(r.kept_7) OVER w AS was_kept_7,
    lag(r.kept_30) OVER w AS was_kept_30,
    lag(r.kept_90) OVER w AS was_kept_90,
    lag(r.better_7) OVER w AS was_better_7,
    lag(r.better_30) OVER w AS was_better_30,
    lag(r.better_90) OVER w AS was_better_90
  FROM scopes s JOIN valued r ON r.fan_id = s.fan_id AND r.at >= s.from_at
  WINDOW w AS (PARTITION BY s.community_id, s.fan_id ORDER BY r.at)
)
SELECT x.community_id, (x.at AT TIME ZONE 'UTC')::date, x.stage, sum(x.fans)::bigint,
  sum(x.kept_7)::bigint, sum(x.kept_30)::bigint, sum(x.kept_90)::bigint,
  sum(x.better_7)::bigint, sum(x.better_30)::bigint, sum(x.better_90)::bigint
FROM (
  SELECT q.community_id, q.at, q.stage, 1 AS fans, q.kept_7, q.kept_30, q.kept_90, q.better_7,
    q.better_30, q.better_90
  FROM sequenced q WHERE q.stage IS NOT NULL
  UNION ALL
  SELECT q.community_id, q.at, q.was_stage, -1, -q.was_kept_7, -q.was_kept_30, -q.was_kept_90,
    -q.was_better_7, -q.was_better_30, -q.was_better_90
  FROM sequenced q WHERE q.was_stage IS NOT NULL
) x
GROUP BY x.community_id, x.at, x.stage
HAVING sum(x.fans) <> 0 OR sum(x.kept_7) <> 0 OR sum(x.kept_30) <> 0 OR sum(x.kept_90) <> 0
  OR sum(x.better_7) <> 0 OR sum(x.better_30) <> 0 OR sum(x.better_90) <> 0
$$;
