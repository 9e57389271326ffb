import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, type FactInput } from '.';

// Text Postgres cannot store: a NUL, and UTF-16 surrogates without their pair.
const NUL = '\u0000';
const HIGH = '\ud83d'; // the first half of 😀, alone
const LOW = '\ude00'; // the second half, alone
const odd = (text: string) => `${text}${NUL}${HIGH}|${LOW}`;
const cleaned = (text: string) => `${text}\ufffd|\ufffd`;

const community = -1009401;
const at = '2026-03-01T10:00:00Z';

describe('ingestBatch with text Postgres cannot store', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('stores every text field cleaned, sets aside records whose key holds such text, and loses nothing else', async () => {
    const batch: FactInput[] = [
      {
        kind: 'community',
        telegramId: community,
        type: 'supergroup',
        title: odd('Group'),
        username: odd('group'),
      },
      {
        kind: 'fan',
        telegramUserId: 401,
        username: odd('ann'),
        firstName: odd('Ann'),
        lastName: odd('Lee'),
        languageCode: odd('en'),
      },
      // Only NULs: as if no name had been told.
      { kind: 'fan', telegramUserId: 402, firstName: `${NUL}${NUL}` },
      {
        kind: 'event',
        sourceKey: `tg:reaction:${community}:1:401:x`,
        community,
        fan: 401,
        type: 'reaction',
        at,
        payload: { reaction: odd('r'), nested: { list: [odd('a')] }, [odd('key')]: 1 },
      },
      {
        kind: 'membership',
        sourceKey: `tg:adminlog:${community}:1`,
        community,
        fan: 402,
        action: 'join',
        at,
        inviteLink: odd('https://t.me/+x'),
        source: 'admin_log',
      },
      {
        kind: 'post',
        community,
        messageId: 5,
        at,
        text: odd('post'),
        views: 1,
        forwards: 0,
        reactions: 0,
        replies: 0,
        observedAt: at,
      },
      // Keys: a cleaned key would name another record, so these are set aside.
      {
        kind: 'event',
        sourceKey: `tg:reaction:${community}:2:401:${NUL}`,
        community,
        fan: 401,
        type: 'reaction',
        at,
      },
      {
        kind: 'membership',
        sourceKey: `tg:adminlog:${community}:${HIGH}`,
        community,
        fan: 401,
        action: 'leave',
        at,
        source: 'admin_log',
      },
      {
        kind: 'purchase',
        sourceKey: 'shop:B1',
        orderId: `B1${LOW}`,
        fan: 401,
        amount: 1,
        currency: 'USD',
        at,
      },
      {
        kind: 'event',
        sourceKey: `tg:msg:${community}:3`,
        community,
        fan: 402,
        type: 'message',
        at,
      },
    ];
    const result = await ingestBatch(db, batch);
    expect(result).toMatchObject({
      communities: 1,
      newFans: 2,
      events: 2,
      memberships: 1,
      posts: 1,
      purchases: 0,
      cleaned: 6,
      setAside: 3,
    });
    expect(result.unstorable.filter((r) => r.outcome === 'set_aside')).toEqual([
      expect.objectContaining({ index: 6, kind: 'event', fields: ['sourceKey'] }),
      expect.objectContaining({ index: 7, kind: 'membership', fields: ['sourceKey'] }),
      expect.objectContaining({ index: 8, kind: 'purchase', fields: ['orderId'] }),
    ]);
    expect(result.unstorable.find((r) => r.index === 1)?.fields).toEqual([
      'username',
      'firstName',
      'lastName',
      'languageCode',
    ]);

    const [c] = await db.execute(
      sql`select title, username from communities where telegram_id = ${community}`,
    );
    expect(c).toEqual({ title: cleaned('Group'), username: cleaned('group') });
    const fans = await db.execute(
      sql`select telegram_user_id, username, first_name, last_name, language_code from fans order by telegram_user_id`,
    );
    expect(fans).toEqual([
      {
        telegram_user_id: 401,
        username: cleaned('ann'),
        first_name: cleaned('Ann'),
        last_name: cleaned('Lee'),
        language_code: cleaned('en'),
      },
      {
        telegram_user_id: 402,
        username: null,
        first_name: null,
        last_name: null,
        language_code: null,
      },
    ]);
    const events = await db.execute<{ source_key: string; payload: unknown }>(
      sql`select source_key, payload from events order by source_key`,
    );
    expect(events).toEqual([
      { source_key: `tg:msg:${community}:3`, payload: null },
      {
        source_key: `tg:reaction:${community}:1:401:x`,
        payload: {
          reaction: cleaned('r'),
          nested: { list: [cleaned('a')] },
          [cleaned('key')]: 1,
        },
      },
    ]);
    const [m] = await db.execute(sql`select source_key, invite_link from memberships`);
    expect(m).toEqual({
      source_key: `tg:adminlog:${community}:1`,
      invite_link: cleaned('https://t.me/+x'),
    });
    const [p] = await db.execute(sql`select text from posts where message_id = 5`);
    expect(p).toEqual({ text: cleaned('post') });
    expect(await db.execute(sql`select count(*)::int as n from purchases`)).toEqual([{ n: 0 }]);
  });

  it('keeps a pair that a NUL splits, and a title of nothing but NULs falls back to the chat', async () => {
    const result = await ingestBatch(db, [
      { kind: 'community', telegramId: -1009402, type: 'channel', title: `${NUL}${NUL}` },
      { kind: 'fan', telegramUserId: 403, firstName: `a${HIGH}${NUL}${LOW}b😀` },
    ]);
    expect(result.cleaned).toBe(2);
    const [c] = await db.execute(sql`select title from communities where telegram_id = -1009402`);
    expect(c).toEqual({ title: 'Telegram channel -1009402' });
    const [f] = await db.execute(sql`select first_name from fans where telegram_user_id = 403`);
    // The halves were apart: each stands alone, so each is replaced (not joined into 😀).
    expect(f).toEqual({ first_name: 'a\ufffd\ufffdb😀' });
  });
});
