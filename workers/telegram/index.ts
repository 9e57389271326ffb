import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../../db/client';
import type { TelegramConfig } from '../../lib/env';
import { syncAccounts } from '../../lib/telegram/accounts';
import { defineJob } from '../core/define-job';
import { registerJobs } from '../core/register-jobs';
import {
  accountConnections,
  type AccountConnections,
  type LeaseTiming,
} from './account-connections';
import { connectClient, type Connect } from './connect-client';
import { updatedCommunity } from './live-updates';
import { telegramSyncJob, type TelegramRun } from './sync-job';

/** Queues one sync job per community its account syncs; returns how many were queued. */
export async function queueHistorySyncs(boss: PgBoss, db: Database): Promise<number> {
  let queued = 0;
  for (const account of await syncAccounts(db))
    for (const community of account.communities)
      if (await telegramSyncJob.send(boss, { accountId: account.id, community })) queued++;
  return queued;
}

/** Every 5 minutes (and at start): a sync job for each synced community. */
export const telegramSyncAllJob = defineJob({
  name: 'telegram-sync-all',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
    // Reads the accounts and queues a job per community: well under a second.
    expireInSeconds: 5 * 60,
  },
  schedule: { cron: '*/5 * * * *', payload: {} },
  async handler(_, { db, boss }: TelegramRun): Promise<void> {
    await queueHistorySyncs(boss, db);
  },
});

/**
 * The Telegram source: every 5 minutes (and at start) each synced community's history and
 * admin log are brought up to date and its recent posts' views snapshotted; its member
 * list is re-read every 6 hours. A live update about a community queues its sync at once.
 * Each account is connected by one worker process only, the holder of its lease. Returns
 * the connections, to hang up on shutdown, or null when Telegram is not configured.
 */
export async function registerTelegramSync(
  boss: PgBoss,
  db: Database,
  config: TelegramConfig | null,
  connect: Connect = connectClient,
  timing?: LeaseTiming,
): Promise<AccountConnections | null> {
  if (!config) {
    console.log(
      '[telegram] not configured: set TELEGRAM_API_ID, TELEGRAM_API_HASH and APP_SECRET to sync Telegram',
    );
    return null;
  }
  const accounts = accountConnections({
    db,
    config,
    connect,
    timing,
    onUpdate(account, update) {
      const community = account.communities.find((c) => c.telegramId === updatedCommunity(update));
      if (community)
        telegramSyncJob
          .send(boss, { accountId: account.id, community })
          .catch((error: Error) => console.error('[telegram] live update:', error.message));
    },
  });
  await registerJobs(boss, { db, accounts }, [telegramSyncJob, telegramSyncAllJob]);
  await telegramSyncAllJob.send(boss, {});
  return accounts;
}
