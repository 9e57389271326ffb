import type PgBoss from 'pg-boss';
import type { TelegramClient } from 'telegram';
import type { Database } from '../../../db/client';
import { accountConnections } from '../account-connections';
import { telegramSyncJob } from '../sync-job';
import type { TrackedCommunity } from '../tracked-community';
import { fakeTelegram, type FakeTelegram } from './fake-chat';

export const testConfig = { apiId: 1, apiHash: '0'.repeat(32), appSecret: 's'.repeat(32) };

/**
 * One worker process as far as Telegram is concerned: its lease holder name, the clients it
 * connected (each a fake chat of `messages` messages) and how many it hung up.
 */
export function leaseWorker(
  db: Database,
  boss: PgBoss,
  holder: string,
  options: {
    messages?: number;
    prepare?: (telegram: FakeTelegram) => void;
    /** Replaces the fake's connection (e.g. one Telegram refuses). */
    connect?: () => Promise<TelegramClient>;
  } = {},
) {
  const worker = {
    connects: 0,
    destroyed: 0,
    accounts: accountConnections({
      db,
      config: testConfig,
      holder,
      // Tests call the heartbeat when they mean to (its timer comes too late for them).
      timing: { ttlSeconds: 120, heartbeatMs: 60_000 },
      onUpdate: () => {},
      connect: async (): Promise<TelegramClient> => {
        worker.connects++;
        if (options.connect) return options.connect();
        const telegram = fakeTelegram(options.messages ?? 30);
        options.prepare?.(telegram);
        telegram.client.destroy = async () => void worker.destroyed++;
        return telegram.client;
      },
    }),
    /** Runs one sync job's handler in this worker, as pg-boss would. */
    sync: (accountId: number, community: TrackedCommunity) =>
      telegramSyncJob.run(telegramSyncJob.parse({ accountId, community }), {
        db,
        boss,
        accounts: worker.accounts,
        jobId: 'test',
      }),
  };
  return worker;
}
