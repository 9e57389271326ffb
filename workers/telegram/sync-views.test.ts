import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { gramjsSource } from './source';
import { syncHistory } from './sync-history';
import { snapshotRecentPosts } from './sync-views';
import { fakeCommunity, fakeTelegram, trackFakeChat } from './testing/fake-chat';

const community = fakeCommunity;
const day = (d: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + d * 86_400_000);

describe('snapshotRecentPosts', () => {
  it('re-reads the counters of recent posts into snapshots, and leaves settled ones alone', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(230);
    const source = gramjsSource(telegram.client);
    await syncHistory(db, source, community, { sleep: async () => {}, now: () => day(2) });
    // Posts are messages 25, 50, … 225 of the fake chat: nine of them.
    expect(
      await snapshotRecentPosts(db, source, community, {
        sleep: async () => {},
        now: () => day(3),
      }),
    ).toBe(9);
    telegram.gainViews(500);
    await snapshotRecentPosts(db, source, community, { sleep: async () => {}, now: () => day(4) });
    const rows = await db.execute<{ message_id: number; views: number[] }>(sql`
      select p.message_id::int, array_agg(s.views order by s.captured_at) as views
      from post_view_snapshots s join posts p on p.id = s.post_id
      group by p.message_id order by p.message_id limit 2`);
    expect(rows).toEqual([
      { message_id: 25, views: [65, 565] },
      { message_id: 50, views: [90, 590] },
    ]);
    expect(
      await snapshotRecentPosts(db, source, community, {
        sleep: async () => {},
        now: () => day(30),
      }),
    ).toBe(0);
  });
});
