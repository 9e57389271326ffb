import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { gramjsSource } from './source';
import { syncHistory } from './sync-history';
import { rereadRecentPosts } from './sync-views';
import { fakeCommunity, fakeTelegram, trackFakeChat } from './testing/fake-chat';

const community = fakeCommunity;
const day = (d: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + d * 86_400_000);
const hooks = (d: number) => ({ sleep: async () => {}, now: () => day(d) });

describe('rereadRecentPosts', () => {
  it('re-reads recent posts: their latest counters on the post, every reading a snapshot', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(230);
    const source = gramjsSource(telegram.client);
    await syncHistory(db, source, community, hooks(2));
    // Posts are messages 25, 50, … 225 of the fake chat: nine of them, one call.
    expect(await rereadRecentPosts(db, source, community, hooks(3))).toBe(9);
    expect(telegram.calls.get('channels.GetMessages')).toBe(1);
    telegram.gainViews(500);
    await rereadRecentPosts(db, source, community, hooks(4));

    const posts = await db.execute(sql`select message_id::int, views, forwards, reactions,
        observed_at::text from posts order by message_id limit 2`);
    expect(posts).toEqual([
      {
        message_id: 25,
        views: 565,
        forwards: 3,
        reactions: 4,
        observed_at: '2026-05-05 00:00:00+00',
      },
      {
        message_id: 50,
        views: 590,
        forwards: 3,
        reactions: 4,
        observed_at: '2026-05-05 00:00:00+00',
      },
    ]);
    // The first paging (day 2), then each re-read.
    const snapshots = await db.execute(sql`
      select p.message_id::int, array_agg(s.views order by s.captured_at) as views,
        array_agg(s.reactions order by s.captured_at) as reactions
      from post_view_snapshots s join posts p on p.id = s.post_id
      group by p.message_id order by p.message_id limit 2`);
    expect(snapshots).toEqual([
      { message_id: 25, views: [65, 65, 565], reactions: [0, 0, 4] },
      { message_id: 50, views: [90, 90, 590], reactions: [0, 0, 4] },
    ]);

    // A week on, the posts have settled and are left alone.
    expect(await rereadRecentPosts(db, source, community, hooks(9))).toBe(0);
    expect(telegram.calls.get('channels.GetMessages')).toBe(2);
  });
});
