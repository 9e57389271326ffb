import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import type { Database } from '../../db/client';
import { ApiError } from '../api/errors';
import { IngestRejectedError, ingestBatch, type FactInput } from '.';

const shanghai: FactInput = {
  kind: 'community',
  telegramId: -1009001,
  type: 'supergroup',
  title: 'Test group',
  timeZone: 'Asia/Shanghai',
};
const msg = (
  id: number,
  fan: number,
  at: string,
  type: 'message' | 'reaction' | 'reply' = 'message',
): FactInput => ({
  kind: 'event',
  sourceKey: `tg:msg:-1009001:${id}`,
  community: -1009001,
  fan,
  type,
  at,
});

async function snapshot(db: Database) {
  const [counts] = await db.execute(sql`select
    (select count(*) from communities) as communities, (select count(*) from fans) as fans,
    (select count(*) from events) as events, (select count(*) from memberships) as memberships,
    (select count(*) from posts) as posts, (select count(*) from post_view_snapshots) as snapshots,
    (select count(*) from purchases) as purchases`);
  const daily = await db.execute(sql`select * from fan_daily order by fan_id, community_id, day`);
  const fans = await db.execute(sql`select * from fans order by id`);
  return { counts, daily, fans };
}

describe('ingestBatch', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('stores a batch and counts engagements per day in the community time zone', async () => {
    const result = await ingestBatch(db, [
      shanghai,
      { kind: 'fan', telegramUserId: 101, username: 'alice', firstName: 'Alice' },
      msg(1, 101, '2026-03-01T15:59:59Z'), // 23:59:59 in Shanghai: 1 March
      msg(2, 101, '2026-03-01T16:00:00Z'), // 00:00:00 in Shanghai: 2 March
      msg(3, 101, '2026-03-01T17:00:00Z', 'reaction'),
      {
        kind: 'membership',
        sourceKey: 'tg:adminlog:-1009001:1',
        community: -1009001,
        fan: 102,
        action: 'join',
        at: '2026-02-28T10:00:00Z',
        invitedBy: 101,
        source: 'admin_log',
      },
      {
        kind: 'post',
        community: -1009001,
        messageId: 7,
        at: '2026-03-01T00:00:00Z',
        views: 10,
        forwards: 0,
        reactions: 1,
        replies: 0,
        observedAt: '2026-03-01T01:00:00Z',
      },
      {
        kind: 'post_snapshot',
        community: -1009001,
        messageId: 7,
        capturedAt: '2026-03-01T01:00:00Z',
        views: 10,
        forwards: 0,
        reactions: 1,
        replies: 0,
      },
      {
        kind: 'purchase',
        sourceKey: 'shop:A1',
        orderId: 'A1',
        fan: 101,
        amount: 12.5,
        currency: 'USD',
        at: '2026-03-02T00:00:00Z',
      },
    ]);
    expect(result).toMatchObject({
      communities: 1,
      newFans: 2,
      events: 3,
      memberships: 1,
      posts: 1,
      postSnapshots: 1,
      purchases: 1,
      duplicates: 0,
    });
    const daily = await db.execute<{
      day: string;
      engagements: number;
      messages: number;
      reactions: number;
    }>(sql`select day::text, engagements, messages, reactions from fan_daily order by day`);
    expect(daily).toEqual([
      { day: '2026-03-01', engagements: 1, messages: 1, reactions: 0 },
      { day: '2026-03-02', engagements: 2, messages: 1, reactions: 1 },
    ]);
    const [fan] = await db.execute<{ first_seen_at: Date; username: string }>(
      sql`select first_seen_at, username from fans where telegram_user_id = 101`,
    );
    expect(fan?.username).toBe('alice');
    // The invitee's join makes 102 known; 101's earliest fact is its first message.
    expect(new Date(fan!.first_seen_at).toISOString()).toBe('2026-03-01T15:59:59.000Z');
  });

  it('adds nothing when the same batch comes again', async () => {
    const batch = [
      shanghai,
      msg(10, 103, '2026-03-05T08:00:00Z'),
      msg(11, 103, '2026-03-05T09:00:00Z', 'reply'),
    ];
    await ingestBatch(db, batch);
    const before = await snapshot(db);
    const again = await ingestBatch(db, batch);
    expect(again).toMatchObject({ events: 0, newFans: 0, communities: 0, duplicates: 2 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('counts a key repeated inside one batch once', async () => {
    const result = await ingestBatch(db, [
      msg(20, 104, '2026-03-06T08:00:00Z'),
      msg(20, 104, '2026-03-06T08:00:00Z'),
    ]);
    expect(result.events).toBe(1);
    const [row] = await db.execute<{ engagements: number }>(
      sql`select sum(engagements)::int as engagements from fan_daily d join fans f on f.id = d.fan_id where f.telegram_user_id = 104`,
    );
    expect(row?.engagements).toBe(1);
  });

  it('rejects a malformed record with its reason and writes nothing of its batch', async () => {
    const before = await snapshot(db);
    const batch = [
      msg(30, 105, '2026-03-07T08:00:00Z'),
      { ...msg(31, 105, 'yesterday-ish'), type: 'wave' },
    ];
    const error = await ingestBatch(db, batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestRejectedError);
    const problems = (error as IngestRejectedError).problems;
    expect(problems.map((p) => `${p.index}:${p.path}`).sort()).toEqual(['1:at', '1:type']);
    expect((error as Error).message).toMatch(/record 1 \(type\)/);
    // A route that lets it through answers 400 with each record's reasons, not a 500.
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).toBody().error).toMatchObject({
      code: 'ingest_rejected',
      fields: expect.arrayContaining([
        expect.objectContaining({ path: 'records.1.type', code: 'invalid' }),
      ]),
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('rejects facts of an unknown community and writes nothing', async () => {
    const before = await snapshot(db);
    const stray = {
      ...msg(40, 106, '2026-03-07T08:00:00Z'),
      sourceKey: 'tg:msg:-1005:40',
      community: -1005,
    };
    await expect(ingestBatch(db, [msg(41, 106, '2026-03-07T08:00:00Z'), stray])).rejects.toThrow(
      /record 1 \(community\): unknown community -1005/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back what it wrote when a problem shows up mid-batch', async () => {
    const before = await snapshot(db);
    const orphan = {
      kind: 'post_snapshot',
      community: -1009001,
      messageId: 999,
      capturedAt: '2026-03-07T08:00:00Z',
      views: 1,
      forwards: 0,
      reactions: 0,
      replies: 0,
    };
    await expect(ingestBatch(db, [msg(50, 107, '2026-03-07T08:00:00Z'), orphan])).rejects.toThrow(
      /record 1 \(messageId\): snapshot of a post/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('keeps the newest post counters whatever order observations arrive in', async () => {
    const post = (views: number, observedAt: string): FactInput => ({
      kind: 'post',
      community: -1009001,
      messageId: 8,
      at: '2026-03-01T00:00:00Z',
      views,
      forwards: 0,
      reactions: 0,
      replies: 0,
      observedAt,
    });
    await ingestBatch(db, [post(50, '2026-03-02T00:00:00Z')]);
    await ingestBatch(db, [post(20, '2026-03-01T06:00:00Z')]);
    const [row] = await db.execute<{ views: number }>(
      sql`select views from posts where message_id = 8`,
    );
    expect(row?.views).toBe(50);
  });

  it('keeps every reading as a snapshot and the newest on the post, in any order', async () => {
    const reading = (
      kind: 'post' | 'post_snapshot',
      hour: number,
      views: number,
      reactions = 0,
    ): FactInput => {
      const at = `2026-03-10T${String(hour).padStart(2, '0')}:00:00Z`;
      const counters = { views, forwards: 1, reactions, replies: 0 };
      return kind === 'post'
        ? {
            kind,
            community: -1009001,
            messageId: 9,
            at: '2026-03-10T00:00:00Z',
            text: 'launch',
            ...counters,
            observedAt: at,
          }
        : { kind, community: -1009001, messageId: 9, capturedAt: at, ...counters };
    };
    const readings = [
      reading('post', 1, 10),
      reading('post_snapshot', 5, 70, 3),
      reading('post', 3, 40, 1),
      reading('post_snapshot', 2, 25),
      // Two readings at one instant: the larger counters win, whichever comes first.
      reading('post_snapshot', 4, 55, 2),
      reading('post', 4, 60, 2),
    ];
    const state = async () => ({
      post: (
        await db.execute(sql`select views, reactions, observed_at::text, text from posts
          where message_id = 9`)
      )[0],
      snapshots: await db.execute(sql`select to_char(captured_at at time zone 'UTC', 'HH24')
          as hour, s.views, s.reactions
        from post_view_snapshots s join posts p on p.id = s.post_id
        where p.message_id = 9 order by captured_at`),
    });
    // Newest first, one reading per batch: every older one arrives late.
    for (const r of [...readings].reverse()) await ingestBatch(db, [r]);
    const oneByOne = await state();
    expect(oneByOne).toEqual({
      post: { views: 70, reactions: 3, observed_at: '2026-03-10 05:00:00+00', text: 'launch' },
      snapshots: [
        { hour: '01', views: 10, reactions: 0 },
        { hour: '02', views: 25, reactions: 0 },
        { hour: '03', views: 40, reactions: 1 },
        { hour: '04', views: 60, reactions: 2 },
        { hour: '05', views: 70, reactions: 3 },
      ],
    });
    // Replays, in one batch and in another order, change nothing.
    const replay = await ingestBatch(db, readings);
    expect(replay).toMatchObject({ posts: 0, postSnapshots: 0 });
    await ingestBatch(db, [readings[2]!, readings[0]!, readings[4]!]);
    expect(await state()).toEqual(oneByOne);
  });

  it('stores a batch of readings of a new post the same in any order', async () => {
    const reading = (messageId: number, hour: number, views: number): FactInput => ({
      kind: 'post',
      community: -1009001,
      messageId,
      at: '2026-03-11T00:00:00Z',
      // The first reading (at posting) carries the text, as the demo's do.
      text: hour === 1 ? 'hello' : null,
      views,
      forwards: 0,
      reactions: 0,
      replies: 0,
      observedAt: `2026-03-11T0${hour}:00:00Z`,
    });
    await ingestBatch(db, [reading(10, 3, 30), reading(10, 1, 10), reading(10, 2, 20)]);
    await ingestBatch(db, [reading(11, 1, 10), reading(11, 2, 20), reading(11, 3, 30)]);
    const rows = await db.execute(sql`select p.message_id::int, p.views, p.text,
        array_agg(s.views order by s.captured_at) as readings
      from posts p join post_view_snapshots s on s.post_id = p.id
      where p.message_id in (10, 11) group by p.id order by p.message_id`);
    expect(rows).toEqual([
      { message_id: 10, views: 30, text: 'hello', readings: [10, 20, 30] },
      { message_id: 11, views: 30, text: 'hello', readings: [10, 20, 30] },
    ]);
  });
});
