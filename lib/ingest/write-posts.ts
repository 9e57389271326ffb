import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { jsonRows, lastByKey } from './sql-json';

export interface PostRow {
  community_id: number;
  message_id: number;
  posted_at: Date;
  text: string | null;
  views: number;
  forwards: number;
  reactions: number;
  replies: number;
  observed_at: Date;
}

export interface SnapshotRow {
  community_id: number;
  message_id: number;
  captured_at: Date;
  views: number;
  forwards: number;
  reactions: number;
  replies: number;
}

/**
 * The posts upsert, a CTE for the batch's facts statement (returning 1 per post changed);
 * counters only move to a newer observation, so replays change nothing.
 */
export function postsUpsert(rows: PostRow[]): SQL {
  const unique = lastByKey(rows, (r) => `${r.community_id}:${r.message_id}`);
  return sql`
    insert into posts as p (community_id, message_id, posted_at, text, views, forwards,
      reactions, replies, observed_at)
    select * from jsonb_to_recordset(${jsonRows(unique)}) as r(community_id bigint,
      message_id bigint, posted_at timestamptz, text text, views int, forwards int,
      reactions int, replies int, observed_at timestamptz)
    order by community_id, message_id
    on conflict (community_id, message_id) do update set
      text = coalesce(excluded.text, p.text), views = excluded.views,
      forwards = excluded.forwards, reactions = excluded.reactions, replies = excluded.replies,
      observed_at = excluded.observed_at
      where excluded.observed_at > p.observed_at
    returning 1`;
}

/**
 * Adds view snapshots of known posts. Returns the positions (in `rows`) of snapshots whose
 * post is unknown, so the caller can refuse the batch.
 */
export async function insertSnapshots(
  tx: Executor,
  rows: SnapshotRow[],
): Promise<{ inserted: number; unknownPost: number[] }> {
  if (rows.length === 0) return { inserted: 0, unknownPost: [] };
  const [result] = await tx.execute<{ inserted: number; unknown_post: number[] | null }>(sql`
    with r as (
      select * from jsonb_to_recordset(${jsonRows(rows.map((row, pos) => ({ ...row, pos })))})
        as r(community_id bigint, message_id bigint, captured_at timestamptz, views int,
          forwards int, reactions int, replies int, pos int)
    ), matched as (
      select r.*, p.id as post_id from r
      left join posts p on p.community_id = r.community_id and p.message_id = r.message_id
    ), ins as (
      insert into post_view_snapshots (post_id, captured_at, views, forwards, reactions, replies)
      select post_id, captured_at, views, forwards, reactions, replies from matched
      where post_id is not null
      on conflict (post_id, captured_at) do nothing
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
      (select array_agg(pos order by pos) from matched where post_id is null) as unknown_post`);
  return { inserted: result?.inserted ?? 0, unknownPost: result?.unknown_post ?? [] };
}
