import { FloodWaitError, RPCError } from 'telegram/errors';

// How the worker calls Telegram: it sleeps through a flood wait (as long as asked), retries
// what looks like a dropped connection with backoff, and stops an account whose session
// is no longer valid instead of retrying it forever.

const SESSION_GONE = new Set([
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_DUPLICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
]);

/** The account's session was revoked or expired: a person must sign in again. */
export class AccountStoppedError extends Error {
  constructor(readonly reason: string) {
    super(`Telegram session is no longer valid (${reason}): the account must sign in again`);
    this.name = 'AccountStoppedError';
  }
}

export interface CallHooks {
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait, so the wait can be shown in Settings. */
  onFloodWait?: (seconds: number) => Promise<void>;
  onRetry?: (error: Error, attempt: number) => Promise<void>;
  maxRetries?: number;
}

function isTransient(error: unknown): boolean {
  if (error instanceof RPCError) return error.code === 500 || error.code === -503;
  return error instanceof Error;
}

export async function callTelegram<T>(run: () => Promise<T>, hooks: CallHooks): Promise<T> {
  const maxRetries = hooks.maxRetries ?? 5;
  for (let attempt = 1; ;) {
    try {
      return await run();
    } catch (error) {
      if (error instanceof FloodWaitError) {
        await hooks.onFloodWait?.(error.seconds);
        await hooks.sleep(error.seconds * 1000);
        continue;
      }
      if (error instanceof RPCError && (error.code === 401 || SESSION_GONE.has(error.errorMessage)))
        throw new AccountStoppedError(error.errorMessage);
      if (!isTransient(error) || attempt > maxRetries) throw error;
      await hooks.onRetry?.(error as Error, attempt);
      await hooks.sleep(Math.min(60_000, 1000 * 2 ** (attempt - 1)));
      attempt++;
    }
  }
}
