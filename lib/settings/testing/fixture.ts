import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { ingestBatch } from '../../ingest';

// The Settings page's world for its read tests: a channel and its linked chat, synced by one
// account in error; a lonely group nobody syncs; a spare account; a few sync_state rows.
const CHANNEL = -1009001;
const GROUP = -1009002;
const LONELY = -1009003;
export const now = new Date('2026-11-20T12:00:00Z');
export const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

export interface SettingsIds {
  channelId: number;
  groupId: number;
  lonelyId: number;
  accountId: number;
}

export async function seedSettings(db: Database): Promise<SettingsIds> {
  await ingestBatch(db, [
    {
      kind: 'community',
      telegramId: CHANNEL,
      type: 'channel',
      title: 'Brand',
      username: 'brand',
      timeZone: 'Asia/Shanghai',
    },
    {
      kind: 'community',
      telegramId: GROUP,
      type: 'supergroup',
      title: 'Brand chat',
      linkedTelegramId: CHANNEL,
    },
    { kind: 'community', telegramId: LONELY, type: 'group', title: 'Lonely' },
  ]);
  const ids = await db.execute<{ id: number; telegram_id: number }>(
    sql`select id, telegram_id from communities`,
  );
  const idOf = (t: number) => Number(ids.find((r) => Number(r.telegram_id) === t)!.id);
  const [channelId, groupId, lonelyId] = [idOf(CHANNEL), idOf(GROUP), idOf(LONELY)];
  const [account] = await db.execute<{ id: number }>(sql`
    insert into telegram_accounts (label, kind, phone, session_ciphertext, status, last_error)
    values ('brand-admin', 'user', '+8613800000000', '\\xdeadbeef'::bytea, 'error', 'AUTH_KEY_UNREGISTERED')
    returning id`);
  const accountId = Number(account!.id);
  await db.execute(sql`insert into telegram_accounts (label, kind, session_ciphertext)
    values ('spare', 'user', '\\x00'::bytea)`);
  await db.execute(
    sql`update communities set synced_by_account_id = ${accountId} where id in (${channelId}, ${groupId})`,
  );
  await db.execute(sql`
    insert into sync_state (community_id, stream, progress_done, progress_total, last_run_at,
      last_success_at, last_error, flood_wait_until)
    values
      (${groupId}, 'views', 14, 14, ${minutesAgo(2)}, ${minutesAgo(2)}, null, ${minutesAgo(-30)}),
      (${groupId}, 'history', 2500, 10000, ${minutesAgo(1)}, ${minutesAgo(6)}, null, null),
      (${groupId}, 'admin_log', 0, null, ${minutesAgo(3)}, null, 'CHAT_ADMIN_REQUIRED', null),
      (${groupId}, 'demo', 0, null, ${minutesAgo(1)}, ${minutesAgo(1)}, null, null),
      (${channelId}, 'participants', 180, null, ${minutesAgo(1)}, ${minutesAgo(1)}, null, ${minutesAgo(5)})`);
  return { channelId, groupId, lonelyId, accountId };
}
