import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { ingestBatch, type FactInput } from '../../ingest';

// Small fact builders for hand-worked lifecycle cases, written through the real ingest path.
export const UTC_GROUP = -100_100;
export const OTHER_GROUP = -100_200;
export const SHANGHAI_GROUP = -100_300;

export const communities: FactInput[] = [
  { kind: 'community', telegramId: UTC_GROUP, type: 'supergroup', title: 'UTC group' },
  { kind: 'community', telegramId: OTHER_GROUP, type: 'supergroup', title: 'Other group' },
  {
    kind: 'community',
    telegramId: SHANGHAI_GROUP,
    type: 'supergroup',
    title: 'Shanghai group',
    timeZone: 'Asia/Shanghai',
  },
];

let seq = 0;
const key = (kind: string) => `test:${kind}:${++seq}`;

export const engage = (
  fan: number,
  at: string | Date,
  {
    type = 'message',
    community = UTC_GROUP,
  }: {
    type?: 'message' | 'reply' | 'reaction' | 'poll_vote' | 'invite';
    community?: number;
  } = {},
): FactInput => ({ kind: 'event', sourceKey: key('event'), community, fan, type, at });

export const member = (
  fan: number,
  action: 'join' | 'leave',
  at: string | Date,
  community = UTC_GROUP,
): FactInput => ({
  kind: 'membership',
  sourceKey: key('member'),
  community,
  fan,
  action,
  at,
  source: 'live',
});

export const purchase = (fan: number, at: string | Date, amount: number): FactInput => ({
  kind: 'purchase',
  sourceKey: key('order'),
  orderId: `order-${seq}`,
  fan,
  amount,
  currency: 'CNY',
  at,
});

export const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000);
export const days = (iso: string, d: number) => hours(iso, d * 24);

export async function ingest(db: Database, facts: FactInput[]): Promise<void> {
  await ingestBatch(db, [...communities, ...facts]);
}

export async function fanId(db: Database, telegramUserId: number): Promise<number> {
  const [row] = await db.execute<{ id: number }>(
    sql`select id from fans where telegram_user_id = ${telegramUserId}`,
  );
  if (!row) throw new Error(`no fan ${telegramUserId}`);
  return Number(row.id);
}
