import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { FactOf } from './facts';
import { jsonRows, lastByKey } from './sql-json';

/**
 * The posts upsert, a CTE for the batch's facts statement (returning 1 per post changed;
 * `community` gives a chat's position in the statement's `ids`); counters only move to a
 * newer observation, so replays change nothing.
 */
export function postsUpsert(
  posts: FactOf<'post'>[],
  community: (telegramId: number) => number | null | undefined,
): SQL {
  const rows = lastByKey(posts, (p) => `${p.community}:${p.messageId}`).map((p) => ({
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
      where excluded.observed_at > p.observed_at
    returning 1`;
}

/**
 * The statement adding view snapshots of known posts (null: none in the batch). It runs
 * after the facts statement, so a post of the same batch is known.
 */
export function snapshotsStatement(snapshots: FactOf<'post_snapshot'>[]): SQL | null {
  if (snapshots.length === 0) return null;
  const rows = snapshots.map((s, pos) => ({
    community: s.community,
    message_id: s.messageId,
    captured_at: s.capturedAt,
    views: s.views,
    forwards: s.forwards,
    reactions: s.reactions,
    replies: s.replies,
    pos,
  }));
  return sql`
    with r as (
      select * from jsonb_to_recordset(${jsonRows(rows)})
        as r(community bigint, message_id bigint, captured_at timestamptz, views int,
          forwards int, reactions int, replies int, pos int)
    ), matched as (
      select r.*, p.id as post_id from r
      left join communities c on c.telegram_id = r.community
      left join posts p on p.community_id = c.id and p.message_id = r.message_id
    ), ins as (
      insert into post_view_snapshots (post_id, captured_at, views, forwards, reactions, replies)
      select post_id, captured_at, views, forwards, reactions, replies from matched
      where post_id is not null
      on conflict (post_id, captured_at) do nothing
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
      (select array_agg(pos order by pos) from matched where post_id is null) as unknown_post`;
}

/**
 * Runs a batch's snapshots statement. Returns the positions (among the batch's snapshots)
 * of those whose post is unknown, so the caller can refuse the batch.
 */
export async function insertSnapshots(
  tx: Executor,
  statement: SQL | null,
): Promise<{ inserted: number; unknownPost: number[] }> {
  if (!statement) return { inserted: 0, unknownPost: [] };
  const [result] = await tx.execute<{ inserted: number; unknown_post: number[] | null }>(statement);
  return { inserted: result?.inserted ?? 0, unknownPost: result?.unknown_post ?? [] };
}
