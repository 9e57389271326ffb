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
stages AS (SELECT enum_range(NULL::lifecycle_stage) AS names),
-- Moves and points on one timeline per fan. A move is its place in the fan's history times
-- 8 plus its stage's place in the enum, so the latest move in a window frame is the max.
timeline AS (
  SELECT h.fan_id, h.changed_at AS at, false AS is_point,
    row_number() OVER (PARTITION BY h.fan_id ORDER BY h.changed_at, h.id) * 8
      + array_position(st.names, h.to_stage) AS move,
    growth_stage_rank(h.to_stage) AS rank
  FROM fan_stage_history h, stages st WHERE h.fan_id = ANY (only_fans)
  UNION ALL
  SELECT p.fan_id, p.at, true, NULL, NULL FROM points p
),
framed AS (
  SELECT t.fan_id, t.at, t.is_point,
    max(t.move) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS held,
    max(t.move) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING
      AND interval '7 days' FOLLOWING) AS held_7,
    max(t.move) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING
      AND interval '30 days' FOLLOWING) AS held_30,
    max(t.move) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING
      AND interval '90 days' FOLLOWING) AS held_90,
    max(t.rank) OVER (w RANGE BETWEEN CURRENT ROW
      AND interval '7 days' FOLLOWING EXCLUDE GROUP) AS best_7,
    max(t.rank) OVER (w RANGE BETWEEN CURRENT ROW
      AND interval '30 days' FOLLOWING EXCLUDE GROUP) AS best_30,
    max(t.rank) OVER (w RANGE BETWEEN CURRENT ROW
      AND interval '90 days' FOLLOWING EXCLUDE GROUP) AS best_90
  FROM timeline t
  WINDOW w AS (PARTITION BY t.fan_id ORDER BY t.at)
),
valued AS MATERIALIZED (
  SELECT f.fan_id, f.at, s.stage,
    (st.names[f.held_7 % 8] <> 'churned')::int AS kept_7,
    (st.names[f.held_30 % 8] <> 'churned')::int AS kept_30,
    (st.names[f.held_90 % 8] <> 'churned')::int AS kept_90,
    coalesce(f.best_7 > growth_stage_rank(s.stage), false)::int AS better_7,
    coalesce(f.best_30 > growth_stage_rank(s.stage), false)::int AS better_30,
    coalesce(f.best_90 > growth_stage_rank(s.stage), false)::int AS better_90
  FROM framed f, stages st
  CROSS JOIN LATERAL (SELECT st.names[f.held % 8] AS stage) s
  WHERE f.is_point
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
