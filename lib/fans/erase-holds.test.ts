import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, ingestBatches, type FactInput } from '../ingest';
import { ErasureKeyError, lockForErasure, recordErasedPerson } from '../ingest/erased-people';
import { telegramKeys } from '../telegram/source-keys';
import { eraseConfirmation, eraseFan } from './erase-fan';
import { tagName } from './schemas';
import { addFanTag } from './tags';

// After an erasure nothing stored carries the person's Telegram id or order ids, and no
// later batch (a sync, an import, a webhook: all go through ingest) brings them back.

const GROUP = -1004455;
const CHANNEL = -1004466;
// Ten digits, as Telegram's are; none is a substring of another or of the fixtures' ids.
const ZED = 7301234567; // erased first
const OTTO = 7309999999; // a fan who stays
const QUINN = 7305550123; // erased while a batch waits
const PIA = 7307770001; // erased while a batch is being written
const ORDER = 'ORD-99173';

let seq = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 8, 1, 10, minute)).toISOString();
// The text as the sources store it (event_texts), and once more in the payload, as a
// future source might put it: the erasure must find both.
const message = (fan: number, minute: number, text?: string): FactInput => ({
  kind: 'event',
  sourceKey: telegramKeys.message(GROUP, ++seq),
  community: GROUP,
  fan,
  type: 'message',
  at: at(minute),
  payload: { message_id: seq, ...(text ? { caption: text } : {}) },
  text,
});
const reaction = (fan: number, messageId: number, minute: number): FactInput => ({
  kind: 'event',
  sourceKey: telegramKeys.reaction(GROUP, messageId, fan, '👍'),
  community: GROUP,
  fan,
  type: 'reaction',
  at: at(minute),
  payload: { message_id: messageId, reaction: '👍' },
});
const joined = (fan: number, minute: number, invitedBy?: number): FactInput => ({
  kind: 'membership',
  sourceKey: telegramKeys.participant(GROUP, fan, 1_756_000_000 + minute),
  community: GROUP,
  fan,
  action: 'join',
  at: at(minute),
  invitedBy: invitedBy ?? null,
  inviteLink: invitedBy ? null : `https://t.me/+for-${fan}`,
  source: 'participants',
});
const bought = (fan: number, orderId: string, minute: number): FactInput => ({
  kind: 'purchase',
  sourceKey: `shop:${orderId}`,
  orderId,
  fan,
  community: CHANNEL,
  amount: 42.5,
  currency: 'CNY',
  at: at(minute),
});
const profile = (fan: number, username: string): FactInput => ({
  kind: 'fan',
  telegramUserId: fan,
  username,
  firstName: 'First',
  lastName: username,
  languageCode: 'en',
});
/** Everything one person can leave: profile, messages, reactions, join, service keys, a purchase. */
const lifeOf = (fan: number, username: string, orderId: string, minute: number): FactInput[] => [
  profile(fan, username),
  joined(fan, minute),
  {
    kind: 'membership',
    sourceKey: telegramKeys.service('join', GROUP, 9000 + minute, fan),
    community: GROUP,
    fan,
    action: 'join',
    at: at(minute),
    source: 'live',
  },
  {
    kind: 'membership',
    sourceKey: `demo:leave:${GROUP}:${fan}:${minute}`,
    community: GROUP,
    fan,
    action: 'leave',
    at: at(minute + 30),
    source: 'demo',
  },
  message(fan, minute + 1, `I am ${username}, id ${fan}, order ${orderId}`),
  reaction(fan, 1, minute + 2),
  bought(fan, orderId, minute + 3),
];

describe('an erasure holds', () => {
  let db: Database, actor: number;
  const fanId = async (telegramUserId: number) =>
    Number(
      (
        await db.execute<{ id: number }>(
          sql`select id from fans where telegram_user_id = ${telegramUserId}`,
        )
      )[0]?.id ?? 0,
    );
  const erase = async (telegramUserId: number) => {
    const id = await fanId(telegramUserId);
    return eraseFan(db, id, { actorUserId: actor, confirm: eraseConfirmation(id) });
  };

  /** Every table and text/jsonb column (and bigint column) holding `needle`. */
  async function whereIs(needle: string): Promise<string[]> {
    const columns = await db.execute<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and data_type in
          ('text', 'character varying', 'character', 'json', 'jsonb', 'bigint', 'ARRAY')
        order by table_name, column_name`,
    );
    const found: string[] = [];
    for (const c of columns) {
      const column = sql.raw(`"${c.table_name}"."${c.column_name}"`);
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.raw(`"${c.table_name}"`)}
          where ${column}::text like ${`%${needle}%`}`,
      );
      if (row!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
    }
    return found;
  }

  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [
      { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Group' },
      { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Channel' },
      ...lifeOf(ZED, 'zed_erased', ORDER, 0),
      ...lifeOf(OTTO, 'otto_stays', 'ORD-55501', 5),
      ...lifeOf(QUINN, 'quinn_q', 'ORD-55502', 10),
      ...lifeOf(PIA, 'pia_p', 'ORD-55503', 15),
      // Otto reacts to Zed's message; Zed invited someone; Zed's own reply to Otto.
      reaction(OTTO, 2, 20),
      joined(7308880001, 21, ZED),
    ]);
    const [user] = await db.execute<{ id: number }>(sql`
      insert into users (email, name, password_hash, role)
      values ('support@test.local', 'Sam Support', 'x', 'support') returning id`);
    actor = Number(user!.id);
    const zed = await fanId(ZED);
    await db.execute(sql`insert into customers (customer_key, fan_id, linked_by)
      values ('CUST-5550', ${zed}, 'support')`);
    await addFanTag(db, { fanId: zed, name: tagName.parse('refund asked'), actorUserId: actor });
    await db.execute(sql`
      insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version, features)
      values (${zed}, null, 'new', ${at(0)}, 1, '{"rule":"new","days_since_joined":0}'::jsonb)`);
    await db.execute(sql`insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
      values (${zed}, 'new', 'new', ${at(0)}, ${at(0)})`);
  });

  it('erase: no column of any table holds the Telegram id or the order id', async () => {
    // Before: the scan finds them where the sources put them (or it would prove nothing).
    expect(await whereIs(String(ZED))).toEqual(
      expect.arrayContaining([
        'event_texts.text',
        'events.payload',
        'events.source_key',
        'fans.telegram_user_id',
        'memberships.invite_link',
        'memberships.source_key',
      ]),
    );
    expect(await whereIs(ORDER)).toEqual(
      expect.arrayContaining(['purchases.order_id', 'purchases.source_key']),
    );
    const counts = sql`select
      (select count(*) from events)::int as events,
      (select count(*) from memberships)::int as memberships,
      (select count(*) from purchases)::int as purchases,
      (select sum(amount)::text from purchases) as spend,
      (select json_agg(d order by fan_id, community_id, day) from fan_daily d) as daily,
      (select count(*) from fan_stage_history)::int as stage_changes,
      (select count(*) from fans)::int as fans`;
    const [before] = await db.execute(counts);

    await erase(ZED);

    expect(await whereIs(String(ZED))).toEqual([]);
    expect(await whereIs(ORDER)).toEqual([]);
    expect(await whereIs('CUST-5550')).toEqual([]);
    expect(await whereIs('zed_erased')).toEqual([]);
    // The anonymous counts are as they were.
    expect((await db.execute(counts))[0]).toEqual(before);
    // The list of erased people holds a keyed hash, not a plain one of the id.
    const listed = await db.execute<{ hash: Buffer }>(sql`select hash from erased_people`);
    expect(listed).toHaveLength(1);
    expect(Buffer.from(listed[0]!.hash).toString('hex')).not.toBe(
      createHash('sha256').update(String(ZED)).digest('hex'),
    );
    // Otto's reaction to Zed's message and the fan Zed invited keep their facts.
    expect(await whereIs(String(OTTO))).toEqual(
      expect.arrayContaining(['event_texts.text', 'events.source_key', 'fans.telegram_user_id']),
    );
    // What Zed wrote is gone, row and all; what others wrote stays.
    const texts = await db.execute<{ zed: number; others: number }>(sql`select
      count(*) filter (where f.erased_at is not null)::int as zed,
      count(*) filter (where f.erased_at is null)::int as others
      from event_texts t join fans f on f.id = t.fan_id`);
    expect(texts).toEqual([{ zed: 0, others: 3 }]);
    expect(await whereIs('I am zed_erased')).toEqual([]);
  });

  it('ingest after erase: nothing of the person is stored again, the rest is', async () => {
    expect(await fanId(ZED)).toBe(0);
    const snapshot = sql`select
      (select count(*) from fans)::int as fans,
      (select count(*) from events)::int as events,
      (select count(*) from memberships)::int as memberships,
      (select count(*) from purchases)::int as purchases`;
    const [before] = await db.execute<Record<string, number>>(snapshot);
    // A sync's page, then an import's batches: Zed's profile, messages, a reaction, a
    // join, a purchase, and a join Zed invited to, among others' facts.
    const result = await ingestBatch(db, [
      profile(ZED, 'zed_again'),
      message(ZED, 40, 'back again'),
      reaction(ZED, 3, 41),
      joined(ZED, 42),
      bought(ZED, 'ORD-99174', 43),
      message(OTTO, 44),
      reaction(OTTO, 5, 45),
      joined(7308880002, 46, ZED),
      profile(7308880003, 'newcomer'),
    ]);
    expect(result).toMatchObject({
      erased: 5,
      newFans: 2,
      events: 2,
      memberships: 1,
      purchases: 0,
      duplicates: 0,
    });
    const imported = [];
    for await (const r of ingestBatches(db, [
      [message(ZED, 50), message(OTTO, 51)],
      [reaction(ZED, 4, 52), bought(ZED, 'ORD-99175', 53)],
    ]))
      imported.push([r.erased, r.events]);
    expect(imported).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(await db.execute(snapshot)).toEqual([
      {
        ...before,
        fans: before!.fans! + 2,
        events: before!.events! + 3,
        memberships: before!.memberships! + 1,
      },
    ]);
    expect(await whereIs(String(ZED))).toEqual([]);
    expect(await whereIs('ORD-9917')).toEqual([]);
    expect(await whereIs('zed_again')).toEqual([]);
    expect(await whereIs('back again')).toEqual([]);
    // The join Zed invited to is stored, without its inviter.
    const [invited] = await db.execute<{ invited_by_fan_id: number | null }>(sql`
      select m.invited_by_fan_id from memberships m join fans f on f.id = m.fan_id
      where f.telegram_user_id = 7308880002`);
    expect(invited).toEqual({ invited_by_fan_id: null });
  });

  it('a process with another AUTH_SECRET, or none, refuses batches that name fans', async () => {
    const secret = process.env.AUTH_SECRET;
    const [before] = await db.execute(sql`select count(*)::int as n from events`);
    try {
      for (const other of ['another-secret-another-secret-0123456789', '']) {
        process.env.AUTH_SECRET = other;
        await expect(ingestBatch(db, [message(ZED, 55), message(OTTO, 56)])).rejects.toThrow(
          ErasureKeyError,
        );
        // A batch that names no fan needs no look-up.
        await expect(
          ingestBatch(db, [
            { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Group' },
          ]),
        ).resolves.toMatchObject({ erased: 0 });
      }
    } finally {
      process.env.AUTH_SECRET = secret;
    }
    expect(await db.execute(sql`select count(*)::int as n from events`)).toEqual([before]);
  });

  it('a batch that comes during an erasure waits for it, then drops the person', async () => {
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let listed!: () => void;
    const isListed = new Promise<void>((resolve) => (listed = resolve));
    const erasing = db.transaction(async (tx) => {
      await lockForErasure(tx);
      await recordErasedPerson(tx, QUINN);
      listed();
      await held;
    });
    await isListed;
    let done = false;
    const batch = ingestBatch(db, [message(QUINN, 60, 'during'), message(OTTO, 61)]).then((r) => {
      done = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    commit();
    await erasing;
    expect(await batch).toMatchObject({ erased: 1, events: 1 });
    expect(await whereIs('during')).toEqual([]);
  });

  it('an erasure that comes during a batch waits for it, then erases what it wrote', async () => {
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const writing = db.transaction(async (tx) => {
      await ingestBatch(tx, [reaction(PIA, 77, 70), message(PIA, 71, 'while erasing')]);
      written();
      await held;
    });
    await isWritten;
    let done = false;
    const erasing = erase(PIA).then((r) => {
      done = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    commit();
    await writing;
    expect(await erasing).toMatchObject({ erased: true });
    expect(await whereIs(String(PIA))).toEqual([]);
    expect(await whereIs('while erasing')).toEqual([]);
  });
});
