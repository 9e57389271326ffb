import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { GrowthFilters } from './filters';

/** Most posts one response carries; a brand posting hourly fills a month with 720. */
export const maxPosts = 1000;

export interface PostPerformance {
  /** The post's id, for its views over its first days (post-views.ts). */
  postId: number;
  communityId: number;
  communityTitle: string;
  messageId: number;
  postedAt: string;
  text: string | null;
  views: number;
  forwards: number;
  reactions: number;
  comments: number;
  /** Members we know of on the day it was posted; null when we know none. */
  followers: number | null;
  viewsPerFollower: number | null;
}

/** Channel posts made in the range (days in each community's zone), newest first. */
export async function getPostPerformance(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<{ posts: PostPerformance[]; truncated: boolean }> {
  const rows = await db.execute<Omit<PostPerformance, 'viewsPerFollower'>>(sql`
    select p.id as "postId", p.community_id as "communityId", c.title as "communityTitle",
      p.message_id as "messageId", to_char(p.posted_at at time zone 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "postedAt",
      left(p.text, 140) as text, p.views, p.forwards, p.reactions, p.replies as comments,
      m.members as followers
    from posts p
    join communities c on c.id = p.community_id
    left join lateral (
      select members from growth_members_daily d
      where d.community_id = p.community_id
        and d.day <= (p.posted_at at time zone c.time_zone)::date
      order by d.day desc limit 1
    ) m on true
    where (${communityId} = 0 or p.community_id = ${communityId})
      and p.posted_at >= ${from}::date::timestamp at time zone c.time_zone
      and p.posted_at < (${to}::date + 1)::timestamp at time zone c.time_zone
    order by p.posted_at desc, p.id desc
    limit ${maxPosts + 1}`);
  const posts = rows.slice(0, maxPosts).map((r) => ({
    ...r,
    viewsPerFollower: r.followers ? r.views / r.followers : null,
  }));
  return { posts, truncated: rows.length > maxPosts };
}
