import { FloodWaitError, RPCError } from 'telegram/errors';

// How the worker calls Telegram: it sleeps through a flood wait (as long as asked), retries
// what looks like a dropped connection with backoff, stops an account whose session is no
// longer valid instead of retrying it forever, and backs off from a session in use elsewhere.

const SESSION_GONE = new Set([
  'AUTH_KEY_UNREGISTERED',
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

/**
 * Telegram saw the session on two connections at once (AUTH_KEY_DUPLICATED): another
 * program uses it too, or a worker outside the account's lease. The session itself may be
 * fine, so the account is not stopped: its worker hangs up and tries again later.
 */
export class SessionInUseError extends Error {
  constructor() {
    super('Telegram session is in use on another connection (AUTH_KEY_DUPLICATED): retrying later');
    this.name = 'SessionInUseError';
  }
}

/** What a Telegram error says about the session, or null when it says nothing. */
export function sessionError(error: unknown): AccountStoppedError | SessionInUseError | null {
  if (!(error instanceof RPCError)) return null;
  if (error.errorMessage === 'AUTH_KEY_DUPLICATED') return new SessionInUseError();
  if (error.code === 401 || SESSION_GONE.has(error.errorMessage))
    return new AccountStoppedError(error.errorMessage);
  return null;
}

export interface CallHooks {
  sleep: (ms: number) => Promise<void>;
  /** Told before each wait, so the wait can be shown in Settings. */
  onFloodWait?: (seconds: number) => Promise<void>;
  onRetry?: (error: Error, attempt: number) => Promise<void>;
  maxRetries?: number;
  /** Aborted when the worker must stop calling Telegram (it no longer holds the account). */
  signal?: AbortSignal;
}

function isTransient(error: unknown): boolean {
  if (error instanceof RPCError) return error.code === 500 || error.code === -503;
  return error instanceof Error;
}

export async function callTelegram<T>(run: () => Promise<T>, hooks: CallHooks): Promise<T> {
  const maxRetries = hooks.maxRetries ?? 5;
  for (let attempt = 1; ;) {
    hooks.signal?.throwIfAborted();
    try {
      const result = await run();
      // An answer that comes after the worker let the account go is not stored.
      hooks.signal?.throwIfAborted();
      return result;
    } catch (error) {
      hooks.signal?.throwIfAborted();
      if (error instanceof FloodWaitError) {
        await hooks.onFloodWait?.(error.seconds);
        await hooks.sleep(error.seconds * 1000);
        continue;
      }
      const session = sessionError(error);
      if (session) throw session;
      if (!isTransient(error) || attempt > maxRetries) throw error;
      await hooks.onRetry?.(error as Error, attempt);
      await hooks.sleep(Math.min(60_000, 1000 * 2 ** (attempt - 1)));
      attempt++;
    }
  }
}
