import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstDays } from './first-days';

export type PostReading = {
  /** When it was read (ISO). */
  at: string;
  /** Hours since the post was published. */
  hours: number;
  views: number;
  forwards: number;
  reactions: number;
  comments: number;
};

export interface PostViews {
  postId: number;
  communityTitle: string;
  messageId: number;
  postedAt: string;
  text: string | null;
  /** The latest counters. */
  views: number;
  /** The readings of its first days, oldest first: the last of each hour. */
  readings: PostReading[];
}

/** A post's views over its first days, from its snapshots; null when there is no such post. */
export async function getPostViews(db: Database, postId: number): Promise<PostViews | null> {
  const [post] = await db.execute<Omit<PostViews, 'readings'>>(sql`
    select p.id as "postId", c.title as "communityTitle", p.message_id as "messageId",
      to_char(p.posted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "postedAt",
      left(p.text, 280) as text, p.views
    from posts p join communities c on c.id = p.community_id
    where p.id = ${postId}`);
  if (!post) return null;
  // The worker reads a recent post every few minutes: one reading an hour is plenty here.
  const readings = await db.execute<PostReading>(sql`
    select to_char(s.captured_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
      round(extract(epoch from s.captured_at - p.posted_at) / 3600, 1)::float8 as hours,
      s.views, s.forwards, s.reactions, s.replies as comments
    from (
      select distinct on (date_trunc('hour', captured_at)) *
      from post_view_snapshots
      where post_id = ${postId}
      order by date_trunc('hour', captured_at), captured_at desc
    ) s join posts p on p.id = s.post_id
    where s.captured_at < p.posted_at + make_interval(days => ${firstDays})
    order by s.captured_at`);
  return { ...post, readings };
}
