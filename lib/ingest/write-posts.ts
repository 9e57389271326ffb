import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { FactOf } from './facts';
import { jsonRows } from './sql-json';

// A post's counters are readings at a time: every reading is kept in post_view_snapshots,
// and the post's row holds the newest one. Readings are ordered by their time, then (two
// at the same instant) by their counters, so whatever order they arrive in, and however
// often, the post ends up with the same numbers.

interface Counters {
  views: number;
  forwards: number;
  reactions: number;
  replies: number;
}

/** The order of two readings: by time, then by counters; positive when `a` is newer. */
function compareReadings(a: Counters & { at: Date }, b: Counters & { at: Date }): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    a.views - b.views ||
    a.forwards - b.forwards ||
    a.reactions - b.reactions ||
    a.replies - b.replies
  );
}

/** The newest reading of each post in the batch, with the post's text from any of them. */
function newestPerPost(posts: FactOf<'post'>[]): FactOf<'post'>[] {
  const newest = new Map<string, FactOf<'post'>>();
  for (const p of posts) {
    const key = `${p.community}:${p.messageId}`;
    const known = newest.get(key);
    if (!known) newest.set(key, p);
    else if (compareReadings({ ...p, at: p.observedAt }, { ...known, at: known.observedAt }) > 0)
      newest.set(key, { ...p, text: p.text ?? known.text });
    else if (known.text == null && p.text != null) newest.set(key, { ...known, text: p.text });
  }
  return [...newest.values()];
}

/**
 * The posts upsert, a CTE for the batch's facts statement (returning 1 per post changed;
 * `community` gives a chat's position in the statement's `ids`); counters only move to a
 * newer reading, so replays and late readings change nothing.
 */
export function postsUpsert(
  posts: FactOf<'post'>[],
  community: (telegramId: number) => number | null | undefined,
): SQL {
  const rows = newestPerPost(posts).map((p) => ({
    community: community(p.community),
    message_id: p.messageId,
    posted_at: p.at,
    text: p.text ?? null,
    views: p.views,
    forwards: p.forwards,
    reactions: p.reactions,
    replies: p.replies,
    observed_at: p.observedAt,
  }));
  return sql`
    insert into posts as p (community_id, message_id, posted_at, text, views, forwards,
      reactions, replies, observed_at)
    select (select community from ids)[r.community], r.message_id, r.posted_at, r.text,
      r.views, r.forwards, r.reactions, r.replies, r.observed_at
    from jsonb_to_recordset(${jsonRows(rows)}) as r(community int, message_id bigint,
      posted_at timestamptz, text text, views int, forwards int, reactions int, replies int,
      observed_at timestamptz)
    order by 1, r.message_id
    on conflict (community_id, message_id) do update set
      text = coalesce(excluded.text, p.text), views = excluded.views,
      forwards = excluded.forwards, reactions = excluded.reactions, replies = excluded.replies,
      observed_at = excluded.observed_at
      where (excluded.observed_at, excluded.views, excluded.forwards, excluded.reactions,
          excluded.replies) > (p.observed_at, p.views, p.forwards, p.reactions, p.replies)
    returning 1`;
}

/**
 * The statement that stores a batch's readings (null: none): its snapshots, and each post
 * fact's counters as a snapshot at its observation time. A snapshot newer than its post's
 * counters becomes them. It runs after the facts statement, so a post of the same batch is
 * known; `unknown_post` lists the positions (among `snapshots`) whose post is not.
 */
export function snapshotsStatement(
  snapshots: FactOf<'post_snapshot'>[],
  posts: FactOf<'post'>[],
): SQL | null {
  if (snapshots.length + posts.length === 0) return null;
  const rows = [
    ...snapshots.map((s, pos) => ({ ...s, pos })),
    ...posts.map((p) => ({ ...p, capturedAt: p.observedAt, pos: null })),
  ].map((s) => ({
    community: s.community,
    message_id: s.messageId,
    captured_at: s.capturedAt,
    views: s.views,
    forwards: s.forwards,
    reactions: s.reactions,
    replies: s.replies,
    pos: s.pos,
  }));
  return sql`
    with r as (
      select * from jsonb_to_recordset(${jsonRows(rows)})
        as r(community bigint, message_id bigint, captured_at timestamptz, views int,
          forwards int, reactions int, replies int, pos int)
    ), matched as (
      select r.*, p.id as post_id, c.id as community_id from r
      left join communities c on c.telegram_id = r.community
      left join posts p on p.community_id = c.id and p.message_id = r.message_id
    ), ins as (
      insert into post_view_snapshots as s (post_id, captured_at, views, forwards, reactions,
        replies)
      select distinct on (post_id, captured_at) post_id, captured_at, views, forwards,
        reactions, replies
      from matched where post_id is not null
      order by post_id, captured_at, views desc, forwards desc, reactions desc, replies desc
      on conflict (post_id, captured_at) do update set views = excluded.views,
        forwards = excluded.forwards, reactions = excluded.reactions, replies = excluded.replies
        where (excluded.views, excluded.forwards, excluded.reactions, excluded.replies)
          > (s.views, s.forwards, s.reactions, s.replies)
      returning 1
    ), newest as (
      select distinct on (post_id) * from matched where post_id is not null
      order by post_id, captured_at desc, views desc, forwards desc, reactions desc,
        replies desc
    ), locked as (
      -- In the posts upsert's order, so two batches meeting on a post wait, never deadlock.
      select p.id from posts p join newest n on n.post_id = p.id
      order by p.community_id, p.message_id
      for update of p
    ), up as (
      update posts p set views = n.views, forwards = n.forwards, reactions = n.reactions,
        replies = n.replies, observed_at = n.captured_at
      from newest n join locked l on l.id = n.post_id
      where p.id = n.post_id
        and (n.captured_at, n.views, n.forwards, n.reactions, n.replies)
          > (p.observed_at, p.views, p.forwards, p.reactions, p.replies)
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
      (select count(*) from up)::int as updated,
      (select array_agg(pos order by pos) from matched
        where post_id is null and pos is not null) as unknown_post`;
}

/**
 * Runs a batch's snapshots statement. Returns how many snapshots it stored, and the
 * positions (among the batch's snapshots) of those whose post is unknown, so the caller
 * can refuse the batch.
 */
export async function insertSnapshots(
  tx: Executor,
  statement: SQL | null,
): Promise<{ inserted: number; unknownPost: number[] }> {
  if (!statement) return { inserted: 0, unknownPost: [] };
  const [result] = await tx.execute<{ inserted: number; unknown_post: number[] | null }>(statement);
  return { inserted: result?.inserted ?? 0, unknownPost: result?.unknown_post ?? [] };
}
