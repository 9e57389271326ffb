import { beforeEach, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { changedTables, snapshotTables } from '../api/testing/db-snapshot';
import { replayProgress } from '../history/queue-replays';
import { refreshLifecycle } from '../lifecycle/refresh';
import { ingestBatch, type FactInput } from '../ingest';
import { CommunityError } from './errors';
import {
  applyTimeZone,
  listTimeZones,
  rebuildFanDaily,
  resolveTimeZone,
  setCommunityTimeZone,
} from './time-zone';

// Asia/Shanghai is UTC+8 all year: 15:30 UTC is 23:30 the same day there, 16:30 UTC and
// 23:30 UTC are already the next day.
const chat = -1004400000001;
const otherChat = -1004400000002;
let round = 0;

interface Day {
  fan: number;
  day: string;
  engagements: number;
  messages: number;
  reactions: number;
  first: string;
  last: string;
}

const event = (
  key: string,
  fan: number,
  type: 'message' | 'reply' | 'reaction',
  at: string,
  community = chat,
): FactInput => ({
  kind: 'event',
  sourceKey: `tg:msg:${community}:${round}-${key}`,
  community,
  fan,
  type,
  at,
});

describe('a community time zone change', () => {
  let db: Database;
  let raw: Sql;
  let communityId: number;
  let otherId: number;

  // A fresh pair of communities for every test, in UTC, each with its own fans' events.
  beforeEach(async () => {
    if (!db) ({ db, sql: raw } = await useTestDb());
    round += 1;
    const offset = round * 10;
    await ingestBatch(db, [
      { kind: 'community', telegramId: chat - offset, type: 'supergroup', title: `Tz ${round}` },
      {
        kind: 'community',
        telegramId: otherChat - offset,
        type: 'channel',
        title: `Other ${round}`,
        username: `other_${round}`,
      },
      event('a', 101, 'message', '2026-03-01T15:30:00Z', chat - offset),
      event('b', 101, 'reaction', '2026-03-01T16:30:00Z', chat - offset),
      event('c', 101, 'message', '2026-03-01T23:30:00Z', chat - offset),
      event('d', 102, 'message', '2026-03-01T23:30:00Z', chat - offset),
      event('e', 102, 'reply', '2026-03-02T00:10:00Z', chat - offset),
      event('f', 101, 'message', '2026-03-01T23:30:00Z', otherChat - offset),
    ]);
    const ids = await raw<{ id: number; telegram_id: number }[]>`
      select id, telegram_id from communities where telegram_id in (${chat - offset}, ${otherChat - offset})`;
    communityId = ids.find((r) => r.telegram_id === chat - offset)!.id;
    otherId = ids.find((r) => r.telegram_id === otherChat - offset)!.id;
  });

  const days = async (id: number): Promise<Day[]> =>
    raw<Day[]>`
      select f.telegram_user_id::int as fan, d.day::text as day, d.engagements, d.messages,
        d.reactions, to_char(d.first_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as first,
        to_char(d.last_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as last
      from fan_daily d join fans f on f.id = d.fan_id
      where d.community_id = ${id} order by 1, 2`;

  const zoneOf = async (id: number) =>
    (await raw<{ z: string }[]>`select time_zone as z from communities where id = ${id}`)[0]!.z;

  const utcDays: Day[] = [
    {
      fan: 101,
      day: '2026-03-01',
      engagements: 3,
      messages: 2,
      reactions: 1,
      first: '2026-03-01T15:30',
      last: '2026-03-01T23:30',
    },
    {
      fan: 102,
      day: '2026-03-01',
      engagements: 1,
      messages: 1,
      reactions: 0,
      first: '2026-03-01T23:30',
      last: '2026-03-01T23:30',
    },
    {
      fan: 102,
      day: '2026-03-02',
      engagements: 1,
      messages: 1,
      reactions: 0,
      first: '2026-03-02T00:10',
      last: '2026-03-02T00:10',
    },
  ];
  // The same events, worked out by hand in Shanghai's days.
  const shanghaiDays: Day[] = [
    {
      fan: 101,
      day: '2026-03-01',
      engagements: 1,
      messages: 1,
      reactions: 0,
      first: '2026-03-01T15:30',
      last: '2026-03-01T15:30',
    },
    {
      fan: 101,
      day: '2026-03-02',
      engagements: 2,
      messages: 1,
      reactions: 1,
      first: '2026-03-01T16:30',
      last: '2026-03-01T23:30',
    },
    {
      fan: 102,
      day: '2026-03-02',
      engagements: 2,
      messages: 2,
      reactions: 0,
      first: '2026-03-01T23:30',
      last: '2026-03-02T00:10',
    },
  ];

  it('knows the zones Postgres knows, by their proper spelling, and no others', async () => {
    expect(await resolveTimeZone(db, 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(await resolveTimeZone(db, 'asia/SHANGHAI')).toBe('Asia/Shanghai');
    expect(await resolveTimeZone(db, 'UTC')).toBe('UTC');
    expect(await resolveTimeZone(db, 'America/New_York')).toBe('America/New_York');
    for (const unknown of ['Mars/Olympus_Mons', 'UTC+99', 'posix/Asia/Shanghai', 'localtime', ''])
      expect(await resolveTimeZone(db, unknown), unknown).toBeNull();
    const zones = await listTimeZones(db);
    expect(zones).toContainEqual({ name: 'Asia/Shanghai', offsetSeconds: 8 * 3600 });
    expect(zones).toContainEqual({ name: 'UTC', offsetSeconds: 0 });
    expect(zones.some((z) => z.name.startsWith('posix/'))).toBe(false);
    expect(zones.length).toBeGreaterThan(300);
  });

  it('recounts fan_daily in the new zone, audits it, and leaves other communities alone', async () => {
    expect(await days(communityId)).toEqual(utcDays);
    const otherBefore = await days(otherId);
    const result = await db.transaction((tx) =>
      applyTimeZone(tx, { communityId, timeZone: 'Asia/Shanghai', actorUserId: null }),
    );
    expect(result).toEqual({
      community: { id: communityId, title: `Tz ${round}`, timeZone: 'Asia/Shanghai' },
      before: 'UTC',
      changed: true,
      fanDays: 3,
    });
    expect(await zoneOf(communityId)).toBe('Asia/Shanghai');
    expect(await days(communityId)).toEqual(shanghaiDays);
    expect(await days(otherId)).toEqual(otherBefore);
    const audits = await raw`
      select action, entity, entity_id, actor_user_id, before, after from audit_log
      where entity = 'community' and entity_id = ${String(communityId)}`;
    expect(audits).toEqual([
      {
        action: 'community.time_zone',
        entity: 'community',
        entity_id: String(communityId),
        actor_user_id: null,
        before: { timeZone: 'UTC' },
        after: { timeZone: 'Asia/Shanghai' },
      },
    ]);

    // Ingest counts the next events in the new zone: 17:00 UTC is 01:00 on 3 March there.
    await ingestBatch(db, [
      event('g', 101, 'message', '2026-03-02T17:00:00Z', chat - round * 10),
      event('h', 102, 'reaction', '2026-03-02T15:00:00Z', chat - round * 10),
    ]);
    expect(await days(communityId)).toEqual([
      ...shanghaiDays.slice(0, 2),
      {
        fan: 101,
        day: '2026-03-03',
        engagements: 1,
        messages: 1,
        reactions: 0,
        first: '2026-03-02T17:00',
        last: '2026-03-02T17:00',
      },
      { ...shanghaiDays[2]!, engagements: 3, reactions: 1, last: '2026-03-02T15:00' },
    ]);

    // And back: the same rows as a recount in UTC from scratch.
    await db.transaction((tx) =>
      applyTimeZone(tx, { communityId, timeZone: 'UTC', actorUserId: null }),
    );
    const back = await days(communityId);
    await db.transaction((tx) => rebuildFanDaily(tx, communityId));
    expect(await days(communityId)).toEqual(back);
    expect(back).toEqual([
      utcDays[0]!,
      {
        ...utcDays[0]!,
        day: '2026-03-02',
        engagements: 1,
        messages: 1,
        reactions: 0,
        first: '2026-03-02T17:00',
        last: '2026-03-02T17:00',
      },
      utcDays[1]!,
      { ...utcDays[2]!, engagements: 2, reactions: 1, last: '2026-03-02T15:00' },
    ]);
  });

  it('refuses a zone Postgres does not know, changing nothing and auditing nothing', async () => {
    const before = await snapshotTables(raw);
    const audits = await raw`select count(*)::int as n from audit_log`;
    for (const timeZone of ['Mars/Olympus_Mons', 'posix/Asia/Shanghai', 'UTC+99']) {
      const error = await setCommunityTimeZone(db, {
        communityId,
        timeZone,
        actorUserId: null,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommunityError);
      expect(error).toMatchObject({
        code: 'unknown_time_zone',
        status: 400,
        fields: [{ path: 'timeZone', code: 'unknown_time_zone' }],
      });
    }
    expect(changedTables(before, await snapshotTables(raw))).toEqual([]);
    expect(await raw`select count(*)::int as n from audit_log`).toEqual(audits);
  });

  it('refuses an unknown community, and does nothing for the zone it already has', async () => {
    const before = await snapshotTables(raw);
    await expect(
      setCommunityTimeZone(db, { communityId: 999_999, timeZone: 'UTC', actorUserId: null }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    // The zone as typed in another case is the same zone.
    const same = await setCommunityTimeZone(db, {
      communityId,
      timeZone: 'utc',
      actorUserId: null,
    });
    expect(same).toMatchObject({ changed: false, before: 'UTC', fanDays: 0, queuedFans: 0 });
    expect(changedTables(before, await snapshotTables(raw))).toEqual([]);
    expect(
      await raw`select 1 from audit_log where action = 'community.time_zone' and entity_id = ${String(communityId)}`,
    ).toHaveLength(0);
  });

  it('waits for a batch being written into the community, and holds back the next one', async () => {
    const telegramId = chat - round * 10;
    // A batch's transaction left open: the change must wait for its commit...
    let commitBatch!: () => void;
    const batchOpen = new Promise<void>((resolve) => (commitBatch = resolve));
    let written!: () => void;
    const batchWritten = new Promise<void>((resolve) => (written = resolve));
    const batch = db.transaction(async (tx) => {
      await ingestBatch(tx, [event('late', 102, 'message', '2026-03-01T20:00:00Z', telegramId)]);
      written();
      await batchOpen;
    });
    await batchWritten;
    let changed = false;
    const change = db
      .transaction((tx) =>
        applyTimeZone(tx, { communityId, timeZone: 'Asia/Shanghai', actorUserId: null }),
      )
      .then(() => (changed = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changed).toBe(false);
    commitBatch();
    await Promise.all([batch, change]);
    // ...and counts its event: 20:00 UTC is 04:00 on 2 March in Shanghai.
    expect(await days(communityId)).toEqual([
      shanghaiDays[0]!,
      shanghaiDays[1]!,
      { ...shanghaiDays[2]!, engagements: 3, messages: 3, first: '2026-03-01T20:00' },
    ]);

    // A change left open: the next batch into the community waits, then counts in the new zone.
    let commitChange!: () => void;
    const changeOpen = new Promise<void>((resolve) => (commitChange = resolve));
    let applied!: () => void;
    const changeApplied = new Promise<void>((resolve) => (applied = resolve));
    const back = db.transaction(async (tx) => {
      await applyTimeZone(tx, { communityId, timeZone: 'UTC', actorUserId: null });
      applied();
      await changeOpen;
    });
    await changeApplied;
    let ingested = false;
    const next = ingestBatch(db, [
      event('next', 101, 'message', '2026-03-01T16:45:00Z', telegramId),
    ]).then(() => (ingested = true));
    // A batch into the other community is not held back.
    await ingestBatch(db, [
      event('free', 102, 'reply', '2026-03-01T10:00:00Z', otherChat - round * 10),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ingested).toBe(false);
    commitChange();
    await Promise.all([back, next]);
    const final = await days(communityId);
    expect(final[0]).toEqual({ ...utcDays[0]!, engagements: 4, messages: 3 });
    await db.transaction((tx) => rebuildFanDaily(tx, communityId));
    expect(await days(communityId)).toEqual(final);
  });

  it('queues the community fans for a history replay, in the same transaction', async () => {
    // The lifecycle job has seen the community's fans, as the worker would have by now.
    await refreshLifecycle(db);
    const result = await setCommunityTimeZone(db, {
      communityId,
      timeZone: 'Asia/Shanghai',
      actorUserId: null,
    });
    expect(result).toMatchObject({ changed: true, before: 'UTC', fanDays: 3 });
    expect(result.queuedFans).toBe(2);
    expect(await days(communityId)).toEqual(shanghaiDays);
    const progress = await replayProgress(db);
    expect(progress.byCommunity.find((c) => c.communityId === communityId)).toMatchObject({
      queuedFans: 2,
    });
  });
});
