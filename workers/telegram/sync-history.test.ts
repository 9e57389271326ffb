import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { FloodWaitError, RPCError } from 'telegram/errors';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { fingerprint } from '../../db/testing/fingerprint';
import { useTestDb } from '../../db/testing/test-db';
import { gramjsSource } from './source';
import { syncHistory } from './sync-history';
import { AccountStoppedError } from './telegram-calls';
import { fakeCommunity, fakeTelegram, trackFakeChat } from './testing/fake-chat';

const community = fakeCommunity;
const request = new Api.messages.GetHistory({
  peer: new Api.InputPeerEmpty(),
  offsetId: 0,
  offsetDate: 0,
  addOffset: 0,
  limit: 100,
  maxId: 0,
  minId: 0,
  hash: bigInt(0),
});

/** What messages 1..n of the fake chat hold, counted by its own rules. */
function expected(n: number) {
  const c = { message: 0, reply: 0, reaction: 0, invite: 0, join: 0, leave: 0, posts: 0 };
  for (let id = 1; id <= n; id++) {
    if (id % 50 === 1) c.join++;
    else if (id % 50 === 2) {
      c.invite++;
      c.join += 2;
    } else if (id % 50 === 3) c.leave++;
    else if (id % 25 === 0) c.posts++;
    else {
      c[id % 3 === 0 ? 'reply' : 'message']++;
      if (id % 7 === 0) c.reaction += 2;
    }
  }
  return c;
}

async function stored(db: Database) {
  const [row] = await db.execute<Record<string, number>>(sql`select
    (select count(*) from events where type = 'message')::int as message,
    (select count(*) from events where type = 'reply')::int as reply,
    (select count(*) from events where type = 'reaction')::int as reaction,
    (select count(*) from events where type = 'invite')::int as invite,
    (select count(*) from memberships where action = 'join')::int as join,
    (select count(*) from memberships where action = 'leave')::int as leave,
    (select count(*) from posts)::int as posts`);
  return row!;
}

async function syncState(db: Database) {
  const [row] = await db.execute<{
    cursor: Record<string, unknown>;
    progress_done: number;
    progress_total: number;
    last_error: string | null;
    flood_wait_until: string | null;
  }>(sql`select cursor, progress_done, progress_total, last_error, flood_wait_until
    from sync_state where stream = 'history'`);
  return row;
}

describe('syncHistory through GramJS', () => {
  it('backfills every page, sleeping through a flood wait and retrying a dropped connection', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(230);
    telegram.failOn(2, new FloodWaitError({ request, capture: 17 }));
    telegram.failOn(4, new Error('Not connected'));
    const sleeps: number[] = [];
    let floodWaitShown: string | null = null;
    const result = await syncHistory(db, gramjsSource(telegram.client), community, {
      pageSize: 100,
      sleep: async (ms) => void sleeps.push(ms),
      onFloodWait: async () => void (floodWaitShown = (await syncState(db))!.flood_wait_until),
    });
    expect(sleeps).toEqual([17_000, 1_000]);
    expect(floodWaitShown).not.toBeNull();
    expect(result.messages).toBe(230);
    expect(await stored(db)).toEqual(expected(230));
    const state = await syncState(db);
    expect(state).toMatchObject({
      cursor: { backfilled: true, newestId: 230 },
      progress_done: 230,
      progress_total: 230,
      last_error: null,
      flood_wait_until: null,
    });
    const [fan] = await db.execute<{ username: string; last_name: string }>(
      sql`select username, last_name from fans where telegram_user_id = 1003`,
    );
    expect(fan).toEqual({ username: 'fan1003', last_name: '1003' });

    // Later: only what is newer than the newest stored message is asked for.
    telegram.setNewest(262);
    const before = telegram.requests.length;
    const incremental = await syncHistory(db, gramjsSource(telegram.client), community, {
      pageSize: 20,
      sleep: async () => {},
    });
    expect(incremental.messages).toBe(32);
    expect(telegram.requests.slice(before).every((r) => r.minId === 230)).toBe(true);
    expect(await stored(db)).toEqual(expected(262));
    expect((await syncState(db))!.cursor).toEqual({ backfilled: true, newestId: 262 });
  });

  it('resumes after a failure at the page after the last stored one, with the same data', async () => {
    const clean = await useTestDb();
    await trackFakeChat(clean.db);
    await syncHistory(clean.db, gramjsSource(fakeTelegram(230).client), community, {
      pageSize: 50,
      sleep: async () => {},
    });

    const { db, url } = await useTestDb();
    await trackFakeChat(db);
    const failing = fakeTelegram(230);
    failing.failOn(3, new RPCError('CHANNEL_PRIVATE', request, 400));
    await expect(
      syncHistory(db, gramjsSource(failing.client), community, {
        pageSize: 50,
        sleep: async () => {},
      }),
    ).rejects.toThrow('CHANNEL_PRIVATE');
    expect(await syncState(db)).toMatchObject({
      cursor: { oldestId: 131 },
      last_error: expect.stringContaining('CHANNEL_PRIVATE'),
    });
    const resumed = fakeTelegram(230);
    await syncHistory(db, gramjsSource(resumed.client), community, {
      pageSize: 50,
      sleep: async () => {},
    });
    expect(resumed.requests[0]!.offsetId).toBe(131);
    expect(await fingerprint(url)).toEqual(await fingerprint(clean.url));
  });

  it('stops an account whose session was revoked instead of retrying it', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(10);
    telegram.failOn(1, new RPCError('AUTH_KEY_UNREGISTERED', request, 401));
    const sleeps: number[] = [];
    await expect(
      syncHistory(db, gramjsSource(telegram.client), community, {
        sleep: async (ms) => void sleeps.push(ms),
      }),
    ).rejects.toBeInstanceOf(AccountStoppedError);
    expect(sleeps).toEqual([]);
    expect((await syncState(db))!.last_error).toMatch(/AUTH_KEY_UNREGISTERED/);
  });
});
