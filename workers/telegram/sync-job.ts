import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { stopAccount, syncAccounts, type SyncAccount } from '../../lib/telegram/accounts';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';
import { lifecycleRefreshJob } from '../lifecycle';
import { LeaseLostError, type AccountConnections, type HeldAccount } from './account-connections';
import { gramjsSource } from './source';
import { syncCommunity } from './sync-community';
import { HISTORY_STREAM } from './sync-history';
import { communityId, recordState } from './sync-state';
import { AccountStoppedError, SessionInUseError } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

export type TelegramRun = WorkerRun & { accounts: AccountConnections };

/** A job another worker's account came to: back in the queue after this long, for it. */
const HAND_BACK_SECONDS = 10;
/** How long no worker connects an account whose session Telegram saw used twice. */
export const SESSION_IN_USE_PAUSE_SECONDS = 10 * 60;

/**
 * One community's sync (history, views, admin log, member list), run only by the worker
 * that holds its account's lease. Short policy keyed by community: at most one waits per
 * community, and one community's long backfill does not hold up the others'. (Stately
 * would: pg-boss 10 fetches the oldest waiting job, and while its community's run is
 * active that fetch fails, poll after poll, instead of moving on to the next community.)
 * A second run of a community at once is refused by the holder itself.
 */
export const telegramSyncJob = defineJob({
  name: 'telegram-sync',
  payload: z.strictObject({
    accountId: z.number().int().positive(),
    community: z.strictObject({
      telegramId: z.number().int(),
      kind: z.enum(['channel', 'group', 'supergroup']),
    }),
  }),
  queue: {
    policy: 'short',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    // A first backfill of a large community, with Telegram's flood waits, runs for hours.
    // A run that still outlives this is harmless: pg-boss retries the job, and the holder
    // refuses it while the first run goes on.
    expireInSeconds: 6 * 3600,
  },
  singletonKey: ({ community }) => String(community.telegramId),
  // Runs on one account share its connection; Telegram paces them with flood waits.
  concurrency: 4,
  async handler(payload, { db, boss, accounts }: TelegramRun): Promise<void> {
    const { accountId, community } = payload;
    const account = (await syncAccounts(db)).find((a) => a.id === accountId);
    if (!account) return; // stopped since the job was queued
    const claim = await accounts.claim(account);
    if (claim.status === 'elsewhere') {
      // Only the holder talks to Telegram for the account: back to the queue, for it (or
      // for whoever takes the account over once its lease lapses).
      await telegramSyncJob.send(boss, payload, { startAfter: HAND_BACK_SECONDS });
      return;
    }
    if (claim.status === 'paused') return; // the first round after the pause syncs it
    const held = claim.account;
    if (!held.begin(community.telegramId)) return; // its earlier run is still going here
    try {
      const facts = await syncHeld(db, boss, held, accountId, community);
      if (facts > 0) await lifecycleRefreshJob.send(boss, {});
    } catch (error) {
      await settle(db, accounts, account, error);
    } finally {
      held.end(community.telegramId);
    }
  },
});

async function syncHeld(
  db: Database,
  boss: PgBoss,
  held: HeldAccount,
  accountId: number,
  community: TrackedCommunity,
): Promise<number> {
  const client = await held.client().catch(async (error) => {
    // Shown where the job's first stream would have shown it.
    if (error instanceof SessionInUseError)
      await recordState(db, await communityId(db, community), HISTORY_STREAM, {
        error: error.message,
      });
    throw error;
  });
  const hooks = { sleep: abortableSleep(held.signal), signal: held.signal };
  return syncCommunity(db, gramjsSource(client), accountId, community, hooks, async (group) => {
    await telegramSyncJob.send(boss, { accountId, community: group });
  });
}

/** What a failed sync means for its account; errors that say nothing of it are thrown. */
async function settle(
  db: Database,
  accounts: AccountConnections,
  account: SyncAccount,
  error: unknown,
): Promise<void> {
  if (error instanceof AccountStoppedError) {
    // Reported in Settings; retrying a dead session would only loop.
    await stopAccount(db, account.id, error.message);
    await accounts.release(account.id);
    console.error(`[telegram] account ${account.label} stopped: ${error.message}`);
  } else if (error instanceof SessionInUseError) {
    await accounts.pause(account.id, SESSION_IN_USE_PAUSE_SECONDS);
    console.error(`[telegram] account ${account.label}: ${error.message}`);
  } else if (!(error instanceof LeaseLostError)) throw error;
}

function abortableSleep(signal: AbortSignal) {
  return (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const wake = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', wake);
        resolve();
      }, ms);
      signal.addEventListener('abort', wake, { once: true });
    });
}
