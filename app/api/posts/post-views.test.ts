import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute } from '@/lib/api/testing/call-route';
import { getPostPerformance } from '@/lib/growth/posts';
import { ingestBatch, type FactInput } from '@/lib/ingest';
import { CHANNEL, roleCookies, seedSegmentFans } from '@/lib/segments/testing/seed';
import { GET } from './[id]/views/route';

let db: Database;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
let postId = 0;
const postedAt = Date.parse('2026-06-01T08:00:00Z');

/** A reading of post 1, `minutes` after posting. */
const reading = (minutes: number, views: number): FactInput => ({
  kind: 'post',
  community: CHANNEL,
  messageId: 1,
  at: new Date(postedAt),
  text: 'Summer menu',
  views,
  forwards: 1,
  reactions: Math.floor(views / 10),
  replies: 0,
  observedAt: new Date(postedAt + minutes * 60_000),
});

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  await seedSegmentFans(db);
  // Every 20 minutes for the first 2 hours, then at 1 and 8 days; one batch each, newest
  // first, so each older reading arrives late.
  const minutes = [0, 20, 40, 60, 80, 100, 120, 24 * 60, 8 * 24 * 60];
  for (const m of [...minutes].reverse()) await ingestBatch(db, [reading(m, 10 + m)]);
  [{ id: postId }] = (await db.execute<{ id: number }>(
    sql`select id from posts where message_id = 1`,
  )) as unknown as [{ id: number }];
  cookies = await roleCookies(db);
});

const call = (id: string, cookie: string) =>
  callRoute(GET, `/api/posts/${id}/views`, { params: { id }, cookie });

describe('GET /api/posts/:id/views', () => {
  it('gives the latest counters and the readings of the first days, one an hour', async () => {
    const res = await call(String(postId), cookies.growth);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      postId,
      messageId: 1,
      postedAt: '2026-06-01T08:00:00Z',
      text: 'Summer menu',
      views: 10 + 8 * 24 * 60,
    });
    const { readings } = res.json as { readings: { hours: number; views: number }[] };
    // The last reading of each hour; the one after 8 days is past the first days.
    expect(readings.map((r) => [r.hours, r.views])).toEqual([
      [0.7, 50],
      [1.7, 110],
      [2, 130],
      [24, 10 + 24 * 60],
    ]);
  });

  it('the post performance shows the newest reading', async () => {
    const { posts } = await getPostPerformance(db, {
      communityId: 0,
      from: '2026-05-31',
      to: '2026-06-02',
    });
    expect(posts).toMatchObject([
      { postId, views: 10 + 8 * 24 * 60, reactions: Math.floor((10 + 8 * 24 * 60) / 10) },
    ]);
  });

  it('refuses roles without the growth charts, and an unknown post', async () => {
    expect((await call(String(postId), cookies.operator)).status).toBe(403);
    const missing = await call('999999', cookies.growth);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'not_found' } });
  });
});
