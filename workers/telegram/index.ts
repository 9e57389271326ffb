import type PgBoss from 'pg-boss';
import { Api, TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import { StringSession } from 'telegram/sessions';
import type { Database } from '../../db/client';
import type { TelegramConfig } from '../../lib/env';
import {
  accountSession,
  stopAccount,
  syncAccounts,
  type SyncAccount,
} from '../../lib/telegram/accounts';
import { requestLifecycleRefresh } from '../lifecycle';
import { updatedCommunity } from './live-updates';
import { gramjsSource } from './source';
import { trackDiscussionGroup } from './sync-discussion';
import { syncHistory } from './sync-history';
import { snapshotParticipants, syncAdminLog, PARTICIPANTS_STREAM } from './sync-members';
import { communityId, lastSuccessAt } from './sync-state';
import { snapshotRecentPosts } from './sync-views';
import { AccountStoppedError } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

export const TELEGRAM_SYNC_QUEUE = 'telegram-sync';
export const TELEGRAM_SYNC_ALL_QUEUE = 'telegram-sync-all';

interface SyncJob {
  accountId: number;
  community: TrackedCommunity;
}

/** Member lists are long to read and change slowly: re-read at most this often. */
const PARTICIPANTS_EVERY_MS = 6 * 3_600_000;

export type Connect = (config: TelegramConfig, session: string) => Promise<TelegramClient>;

/** A GramJS client on a stored session; a session Telegram no longer accepts stops the account. */
export const connectClient: Connect = async (config, session) => {
  const client = new TelegramClient(new StringSession(session), config.apiId, config.apiHash, {
    connectionRetries: 5,
  });
  await client.connect();
  if (!(await client.checkAuthorization())) throw new AccountStoppedError('not authorised');
  return client;
};

/**
 * One sync job (history, views, admin log, member list) per community its account syncs. The queue is stately with the
 * community as key: at most one job per community waits and one runs, so two worker
 * processes never sync the same community at once.
 */
export async function queueHistorySyncs(boss: PgBoss, db: Database): Promise<number> {
  let queued = 0;
  for (const account of await syncAccounts(db))
    for (const community of account.communities)
      if (await queueSync(boss, account.id, community)) queued++;
  return queued;
}

/** Queues a community's sync unless one is already waiting; true when queued. */
export async function queueSync(
  boss: PgBoss,
  accountId: number,
  community: TrackedCommunity,
): Promise<boolean> {
  const job: SyncJob = { accountId, community };
  const id = await boss.send(TELEGRAM_SYNC_QUEUE, job, {
    singletonKey: String(community.telegramId),
  });
  return id !== null;
}

/**
 * The Telegram source: every 5 minutes (and at start) each synced community's history and
 * admin log are brought up to date and its recent posts' views snapshotted; its member
 * list is re-read every 6 hours. After new facts the lifecycle job is asked to look.
 */
export async function registerTelegramSync(
  boss: PgBoss,
  db: Database,
  config: TelegramConfig | null,
  connect: Connect = connectClient,
): Promise<void> {
  if (!config) {
    console.log(
      '[telegram] not configured: set TELEGRAM_API_ID, TELEGRAM_API_HASH and APP_SECRET to sync Telegram',
    );
    return;
  }
  await boss.createQueue(TELEGRAM_SYNC_QUEUE, {
    name: TELEGRAM_SYNC_QUEUE,
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.createQueue(TELEGRAM_SYNC_ALL_QUEUE, {
    name: TELEGRAM_SYNC_ALL_QUEUE,
    policy: 'stately',
  });
  await boss.schedule(TELEGRAM_SYNC_ALL_QUEUE, '*/5 * * * *');

  const clients = new Map<number, Promise<TelegramClient>>();
  const connectAccount = async (account: SyncAccount) => {
    const session = await accountSession(db, account.id, config.appSecret);
    if (session === null) throw new AccountStoppedError('account stopped');
    const client = await connect(config, session);
    client.addEventHandler((update: Api.TypeUpdate) => {
      const community = account.communities.find((c) => c.telegramId === updatedCommunity(update));
      if (community) void queueSync(boss, account.id, community);
    }, new Raw({}));
    return client;
  };
  const clientFor = (account: SyncAccount) => {
    if (!clients.has(account.id)) {
      // A failed connection is not kept: the next job tries again.
      const connecting = connectAccount(account);
      connecting.catch(() => clients.delete(account.id));
      clients.set(account.id, connecting);
    }
    return clients.get(account.id)!;
  };

  await boss.work(TELEGRAM_SYNC_ALL_QUEUE, async () => {
    await queueHistorySyncs(boss, db);
  });
  await boss.work<SyncJob>(TELEGRAM_SYNC_QUEUE, async ([job]) => {
    const { accountId, community } = job!.data;
    const account = (await syncAccounts(db)).find((a) => a.id === accountId);
    if (!account) return; // stopped since the job was queued
    try {
      const source = gramjsSource(await clientFor(account));
      const hooks = {
        sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      };
      if (community.kind === 'channel') {
        const group = await trackDiscussionGroup(db, source, accountId, community, hooks);
        if (group) await queueSync(boss, accountId, group);
      }
      let facts = (await syncHistory(db, source, community, hooks)).messages;
      await snapshotRecentPosts(db, source, community, hooks);
      // Basic groups have no admin log; their member list comes with the full chat.
      if (community.kind !== 'group') facts += await syncAdminLog(db, source, community, hooks);
      const id = await communityId(db, community);
      const last = await lastSuccessAt(db, id, PARTICIPANTS_STREAM);
      if (!last || Date.now() - last.getTime() > PARTICIPANTS_EVERY_MS)
        facts += await snapshotParticipants(db, source, community, hooks);
      if (facts > 0) await requestLifecycleRefresh(boss);
    } catch (error) {
      if (!(error instanceof AccountStoppedError)) throw error;
      // Reported in Settings; retrying a dead session would only loop.
      clients.delete(accountId);
      await stopAccount(db, accountId, error.message);
      console.error(`[telegram] account ${account.label} stopped: ${error.message}`);
    }
  });
  await boss.send(TELEGRAM_SYNC_ALL_QUEUE, {});
}
