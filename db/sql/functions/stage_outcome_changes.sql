-- What the given fans add to growth_stage_outcome_deltas. On a Monday (00:00 UTC) a fan
-- in a stage counts once in it, kept_N if it was not churned N days later and better_N if
-- it reached a better stage within N days (N = 7, 30, 90). That row only changes on the
-- first Monday on or after each move less 0, 7, 30 or 90 days, so it is worked out there,
-- and each change is added on its Monday: the sum of a fan's rows up to a Monday is its row
-- then. The fan counts in community 0 always, in a community from the first Monday on or
-- after its join day there. The lifecycle job subtracts a fan's part before replacing its
-- history and adds it after (lib/history/history-shares.ts).
--
-- `since` (one per fan; null: all) is where the fan's history and arrivals may change: its
-- rows on Mondays before the first one on or after since less 90 days cannot, so only its
-- changes from that Monday on are given, worked out from its latest point before it.
CREATE OR REPLACE FUNCTION stage_outcome_changes(only_fans bigint[],
  since timestamptz[] DEFAULT NULL)
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
stages AS (SELECT enum_range(NULL::lifecycle_stage) AS names),
-- A move is its place in the fan's history times 8 plus its stage's place in the enum, so
-- the latest of some moves is their max.
moves AS (
  SELECT h.fan_id, h.changed_at, growth_stage_rank(h.to_stage) AS rank,
    row_number() OVER (PARTITION BY h.fan_id ORDER BY h.changed_at, h.id) * 8
      + array_position(st.names, h.to_stage) AS move
  FROM fan_stage_history h, stages st WHERE h.fan_id = ANY (only_fans)
),
every_point AS (
  SELECT m.fan_id,
    (date_trunc('week', (m.changed_at - d.back) AT TIME ZONE 'UTC' - interval '1 microsecond')
      + interval '1 week') AT TIME ZONE 'UTC' AS at
  FROM moves m
  CROSS JOIN (VALUES (interval '0 days'), (interval '7 days'), (interval '30 days'),
    (interval '90 days')) d(back)
  UNION
  SELECT j.fan_id, j.from_at FROM joins j
),
bounds AS (
  SELECT a.fan_id, CASE WHEN a.since IS NULL OR a.since = '-infinity' THEN '-infinity'
    ELSE (date_trunc('week', (a.since - interval '90 days') AT TIME ZONE 'UTC'
      - interval '1 microsecond') + interval '1 week') AT TIME ZONE 'UTC' END AS bound
  FROM unnest(only_fans, since) a(fan_id, since)
),
starts AS (
  SELECT b.fan_id, b.bound,
    coalesce(max(p.at) FILTER (WHERE p.at < b.bound), b.bound) AS start_at
  FROM bounds b LEFT JOIN every_point p ON p.fan_id = b.fan_id
  GROUP BY b.fan_id, b.bound
),
points AS (
  SELECT p.fan_id, p.at FROM every_point p
  JOIN starts s ON s.fan_id = p.fan_id AND p.at >= s.start_at
),
-- The latest move before a fan's first point.
earlier AS (
  SELECT m.fan_id, max(m.move) AS move
  FROM moves m JOIN starts s ON s.fan_id = m.fan_id AND m.changed_at < s.start_at
  GROUP BY m.fan_id
),
-- The latest move up to each point, on one timeline per fan.
held AS (
  SELECT t.fan_id, t.at, t.is_point,
    max(t.move) OVER (PARTITION BY t.fan_id ORDER BY t.at
      RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS move
  FROM (
    SELECT m.fan_id, m.changed_at AS at, false AS is_point, m.move
    FROM moves m JOIN starts s ON s.fan_id = m.fan_id AND m.changed_at >= s.start_at
    UNION ALL
    SELECT e.fan_id, '-infinity', false, e.move FROM earlier e
    UNION ALL
    SELECT p.fan_id, p.at, true, NULL FROM points p
  ) t
),
-- The moves within 90 days after each point: the latest and the best within each horizon.
later AS (
  SELECT p.fan_id, p.at,
    max(m.move) FILTER (WHERE m.changed_at <= p.at + interval '7 days') AS move_7,
    max(m.move) FILTER (WHERE m.changed_at <= p.at + interval '30 days') AS move_30,
    max(m.move) AS move_90,
    max(m.rank) FILTER (WHERE m.changed_at <= p.at + interval '7 days') AS best_7,
    max(m.rank) FILTER (WHERE m.changed_at <= p.at + interval '30 days') AS best_30,
    max(m.rank) AS best_90
  FROM points p
  JOIN moves m ON m.fan_id = p.fan_id AND m.changed_at > p.at
    AND m.changed_at <= p.at + interval '90 days'
  GROUP BY p.fan_id, p.at
),
-- A fan's row on a point, as one number: its stage's place in the enum times 64, plus
-- kept_7, kept_30, kept_90, better_7, better_30 and better_90 as bits 5 to 0.
valued AS MATERIALIZED (
  SELECT h.fan_id, h.at,
    (h.move % 8) * 64
      + (st.names[coalesce(l.move_7, h.move) % 8] <> 'churned')::int * 32
      + (st.names[coalesce(l.move_30, h.move) % 8] <> 'churned')::int * 16
      + (st.names[coalesce(l.move_90, h.move) % 8] <> 'churned')::int * 8
      + coalesce(l.best_7 > s.rank, false)::int * 4
      + coalesce(l.best_30 > s.rank, false)::int * 2
      + coalesce(l.best_90 > s.rank, false)::int AS packed
  FROM held h
  CROSS JOIN stages st
  CROSS JOIN LATERAL (SELECT growth_stage_rank(st.names[h.move % 8]) AS rank) s
  LEFT JOIN later l ON l.fan_id = h.fan_id AND l.at = h.at
  WHERE h.is_point
),
scopes AS (
  SELECT f AS fan_id, 0::bigint AS community_id, '-infinity'::timestamptz AS from_at
  FROM unnest(only_fans) f
  UNION ALL
  SELECT j.fan_id, j.community_id, j.from_at FROM joins j
),
-- Each change of a fan's row in a scope: the new row added, the one before taken away.
changed AS (
  SELECT q.community_id, q.at, q.packed, q.was
  FROM (
    SELECT s.community_id, s.fan_id, r.at, r.packed,
      lag(r.packed) OVER (PARTITION BY s.community_id, s.fan_id ORDER BY r.at) AS was
    FROM scopes s JOIN valued r ON r.fan_id = s.fan_id AND r.at >= s.from_at
  ) q
  JOIN bounds b ON b.fan_id = q.fan_id
  WHERE q.packed IS DISTINCT FROM q.was AND q.at >= b.bound
),
signed AS (
  SELECT c.community_id, c.at, c.packed, 1 AS sign FROM changed c WHERE c.packed IS NOT NULL
  UNION ALL
  SELECT c.community_id, c.at, c.was, -1 FROM changed c WHERE c.was IS NOT NULL
)
SELECT x.community_id, (x.at AT TIME ZONE 'UTC')::date, st.names[x.packed / 64],
  sum(x.sign)::bigint,
  sum(x.sign * (x.packed / 32 % 2))::bigint, sum(x.sign * (x.packed / 16 % 2))::bigint,
  sum(x.sign * (x.packed / 8 % 2))::bigint, sum(x.sign * (x.packed / 4 % 2))::bigint,
  sum(x.sign * (x.packed / 2 % 2))::bigint, sum(x.sign * (x.packed % 2))::bigint
FROM signed x, stages st
GROUP BY x.community_id, x.at, x.packed / 64, st.names
HAVING sum(x.sign) <> 0 OR sum(x.sign * (x.packed / 32 % 2)) <> 0
  OR sum(x.sign * (x.packed / 16 % 2)) <> 0 OR sum(x.sign * (x.packed / 8 % 2)) <> 0
  OR sum(x.sign * (x.packed / 4 % 2)) <> 0 OR sum(x.sign * (x.packed / 2 % 2)) <> 0
  OR sum(x.sign * (x.packed % 2)) <> 0
$$;
