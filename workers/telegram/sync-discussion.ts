import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { trackCommunity } from '../../lib/telegram/accounts';
import type { TelegramSource } from './source';
import { callTelegram, type CallHooks } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

/**
 * Comments on a channel's posts are messages in its linked discussion group, so syncing a
 * channel syncs that group too: it is stored, linked to the channel and given to the same
 * account, unless an account already syncs it. Returns the group when it is newly tracked.
 */
export async function trackDiscussionGroup(
  db: Database,
  source: TelegramSource,
  accountId: number,
  channel: TrackedCommunity,
  hooks: CallHooks,
): Promise<TrackedCommunity | null> {
  const group = await callTelegram(() => source.discussionGroup(channel), hooks);
  if (!group) return null;
  const [known] = await db.execute<{ synced_by_account_id: number | null }>(sql`
    select synced_by_account_id from communities where telegram_id = ${group.telegramId}`);
  if (known?.synced_by_account_id != null) return null;
  await trackCommunity(db, accountId, {
    kind: 'community',
    telegramId: group.telegramId,
    type: 'supergroup',
    title: group.title,
    username: group.username,
    linkedTelegramId: channel.telegramId,
  });
  return { telegramId: group.telegramId, kind: 'supergroup' };
}
