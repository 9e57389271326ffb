import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { ingestBatch, type FactInput } from '../../ingest';
import { parseFanQuery, searchFans } from '../search';

// A hand-built set of fans, written through the real ingest path. Telegram user ids:
// 11 Anna Lee (@Anna_Lee, two customer ids, a message with text, an invite-link join),
// 12 Annabel Smith (@annabel), 13 "Li Wei" (an export's whole display name as first name),
// 14 "50%_off" (LIKE's wildcards in a name), 15 @a_nother, 20 the timeline fan.
const GROUP = -2001;
const CHANNEL = -2002;
let seq = 0;
const key = (kind: string) => `test:${kind}:${++seq}`;
const event = (
  fan: number,
  at: string,
  type: 'message' | 'reaction' | 'reply' = 'message',
  payload?: Record<string, unknown>,
  text?: string,
): FactInput => ({
  kind: 'event',
  sourceKey: key('ev'),
  community: GROUP,
  fan,
  type,
  at,
  payload,
  text,
});
const join = (fan: number, at: string, community = GROUP, inviteLink?: string): FactInput => ({
  kind: 'membership',
  sourceKey: key('m'),
  community,
  fan,
  action: 'join',
  at,
  inviteLink,
  source: 'live',
});
const buy = (fan: number, at: string, amount: number): FactInput => ({
  kind: 'purchase',
  sourceKey: key('p'),
  orderId: `order-${seq}`,
  fan,
  community: CHANNEL,
  amount,
  currency: 'CNY',
  at,
});

// The timeline fan: 12 events at one second (ties), 3 purchases and 2 stage changes at
// that same second, and a spread of older entries.
export const TIE = '2026-10-01T12:00:00Z';
const timelineFacts: FactInput[] = [
  join(20, '2026-09-01T08:00:00Z'),
  ...Array.from({ length: 12 }, (_, i) => event(20, TIE, 'message', { message_id: 100 + i })),
  ...Array.from({ length: 3 }, () => buy(20, TIE, 10)),
  ...Array.from({ length: 30 }, (_, i) =>
    event(20, new Date(Date.parse('2026-09-02T00:00:00Z') + i * 3_600_000 * 7).toISOString()),
  ),
  buy(20, '2026-09-05T00:00:00Z', 99.5),
];

/** Fans' row ids by their Telegram user id. */
export type FanIds = Record<number, number>;

export interface SeededFans {
  id: FanIds;
  /** A support user, for the changes that are audited. */
  actor: number;
}

/** Writes the fans above into `db`: the test file's own (useTestDb), fresh, in beforeAll. */
export async function seedFans(db: Database): Promise<SeededFans> {
  const id: FanIds = {};
  await ingestBatch(db, [
    { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Fan group' },
    { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Fan channel' },
    {
      kind: 'fan',
      telegramUserId: 11,
      username: 'Anna_Lee',
      firstName: 'Anna',
      lastName: 'Lee',
      languageCode: 'en',
    },
    {
      kind: 'fan',
      telegramUserId: 12,
      username: 'annabel',
      firstName: 'Annabel',
      lastName: 'Smith',
    },
    { kind: 'fan', telegramUserId: 13, firstName: 'Li Wei' },
    { kind: 'fan', telegramUserId: 14, firstName: '50%_off' },
    { kind: 'fan', telegramUserId: 15, username: 'a_nother', firstName: 'Other' },
    { kind: 'fan', telegramUserId: 20, username: 'timeline_fan', firstName: 'Tim' },
    join(11, '2026-09-01T09:00:00Z', GROUP, 'https://t.me/+just-for-anna'),
    join(11, '2026-09-01T09:05:00Z', CHANNEL),
    { ...join(11, '2026-09-10T09:00:00Z', CHANNEL), action: 'leave' },
    { ...join(12, '2026-09-02T10:00:00Z'), invitedBy: 11 },
    event(
      11,
      '2026-09-01T10:00:00Z',
      'message',
      { message_id: 7 },
      'Hi, I am Anna, call me on 555-0101',
    ),
    event(11, '2026-09-01T10:01:00Z', 'reaction', { message_id: 8, emoji: '👍' }),
    event(11, '2026-09-01T10:02:00Z', 'reply', { message_id: 9, reply_to: 7 }, 'again'),
    buy(11, '2026-09-03T10:00:00Z', 120),
    event(12, '2026-09-02T11:00:00Z'),
    event(13, '2026-09-02T11:00:00Z'),
    event(14, '2026-09-02T11:00:00Z'),
    event(15, '2026-09-02T11:00:00Z'),
    ...timelineFacts,
  ]);
  for (const r of await db.execute<{ id: number; telegram_user_id: number }>(
    sql`select id, telegram_user_id from fans`,
  ))
    id[Number(r.telegram_user_id)] = Number(r.id);
  await db.execute(sql`
    insert into customers (customer_key, fan_id, linked_by, linked_at) values
      ('C-1042', ${id[11]}, 'support', now()), ('987654', ${id[11]}, 'support', now()),
      ('11', ${id[12]}, 'support', now())`);
  await db.execute(sql`
    insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
    values (${id[11]}, 'high_value', 'spend', '2026-09-03T10:00:00Z', '2026-09-03T10:00:00Z')`);
  // Stage changes as the lifecycle job writes them; one at the tie second, one with
  // microseconds (the cursor must keep them).
  for (const [fan, from, to, at] of [
    [id[11], null, 'new', '2026-09-01T09:00:00Z'],
    [id[11], 'new', 'high_value', '2026-09-03T10:00:00Z'],
    [id[20], null, 'new', '2026-09-01T08:00:00Z'],
    [id[20], 'new', 'active', TIE],
    [id[20], 'active', 'core', TIE],
    [id[20], 'core', 'at_risk', '2026-09-20T00:00:00.123456Z'],
    [id[20], 'at_risk', 'active', '2026-09-20T00:00:00.123457Z'],
  ] as const)
    await db.execute(sql`
      insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version, features)
      values (${fan}, ${from}, ${to}, ${at}, 1, ${JSON.stringify({ rule: 'activated', silence_days: 1 })}::jsonb)`);
  const [user] = await db.execute<{ id: number }>(sql`
    insert into users (email, name, password_hash, role)
    values ('support@test.local', 'Sam Support', 'x', 'support') returning id`);
  return { id, actor: Number(user!.id) };
}

/**
 * The search box's path: `find` gives the results for what was typed, `found` each one's
 * [id, matchedBy]. `db` is read at call time, so it may be the one seeded in beforeAll.
 */
export function fanFinder(db: () => Database) {
  const find = async (raw: string) => {
    const parsed = parseFanQuery(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    return (await searchFans(db(), parsed.query)).results;
  };
  const found = async (raw: string) => (await find(raw)).map((r) => [r.id, r.matchedBy]);
  return { find, found };
}
