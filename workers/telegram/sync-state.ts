import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Database } from '../../db/client';
import type { CallHooks } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// sync_state, one row per community and stream: the cursor a restart resumes from, and
// the progress, last error and flood wait that Settings shows.

export interface SyncHooks extends CallHooks {
  now?: () => Date;
  pageSize?: number;
}

export interface StreamRun {
  /** The community's row id. */
  id: number;
  /** Hooks for callTelegram that also show flood waits and retries in sync_state. */
  calls: CallHooks;
  now: () => Date;
}

/** Runs one stream's sync of one community; a failure is recorded in sync_state, then thrown. */
export async function runStream<T>(
  db: Database,
  community: TrackedCommunity,
  stream: string,
  hooks: SyncHooks,
  work: (run: StreamRun) => Promise<T>,
): Promise<T> {
  const now = hooks.now ?? (() => new Date());
  const id = await communityId(db, community);
  try {
    return await work({ id, calls: withStateHooks(db, id, stream, hooks, now), now });
  } catch (error) {
    // A run stopped on purpose (its worker let the account go) has not failed.
    if (!hooks.signal?.aborted)
      await recordState(db, id, stream, { error: (error as Error).message });
    throw error;
  }
}

export async function communityId(db: Executor, community: TrackedCommunity): Promise<number> {
  const [row] = await db.execute<{ id: number }>(
    sql`select id from communities where telegram_id = ${community.telegramId}`,
  );
  if (!row) throw new Error(`community ${community.telegramId} is not tracked`);
  return Number(row.id);
}

export async function readCursor<C extends object>(
  db: Executor,
  id: number,
  stream: string,
): Promise<Partial<C>> {
  const [row] = await db.execute<{ cursor: Partial<C> | null }>(
    sql`select cursor from sync_state where community_id = ${id} and stream = ${stream}`,
  );
  return row?.cursor ?? {};
}

export async function recordState(
  db: Executor,
  id: number,
  stream: string,
  fields: {
    cursor?: object;
    done?: number;
    total?: number | null;
    error?: string | null;
    floodWaitUntil?: Date | null;
    success?: boolean;
    /** Progress counts from zero again (a new snapshot). */
    restart?: boolean;
  },
): Promise<void> {
  const now = new Date();
  await db.execute(sql`
    insert into sync_state (community_id, stream, cursor, progress_done, progress_total, last_run_at,
      last_success_at, last_error, flood_wait_until)
    values (${id}, ${stream}, ${JSON.stringify(fields.cursor ?? {})}::jsonb, ${fields.done ?? 0},
      ${fields.total ?? null}, ${now.toISOString()}::timestamptz,
      ${fields.success ? now.toISOString() : null}::timestamptz, ${fields.error ?? null},
      ${fields.floodWaitUntil?.toISOString() ?? null}::timestamptz)
    on conflict (community_id, stream) do update set
      cursor = case when ${fields.cursor !== undefined} then excluded.cursor else sync_state.cursor end,
      progress_done = case when ${fields.restart === true} then excluded.progress_done
        else sync_state.progress_done + excluded.progress_done end,
      progress_total = coalesce(excluded.progress_total, sync_state.progress_total),
      last_run_at = excluded.last_run_at,
      last_success_at = coalesce(excluded.last_success_at, sync_state.last_success_at),
      last_error = case when ${fields.error !== undefined} then excluded.last_error else sync_state.last_error end,
      flood_wait_until = case when ${fields.floodWaitUntil !== undefined} then excluded.flood_wait_until
        else sync_state.flood_wait_until end`);
}

/** Call hooks that also show each flood wait and retry in sync_state. */
function withStateHooks(
  db: Executor,
  id: number,
  stream: string,
  hooks: CallHooks,
  now: () => Date,
): CallHooks {
  return {
    ...hooks,
    onFloodWait: async (seconds) => {
      await recordState(db, id, stream, {
        floodWaitUntil: new Date(now().getTime() + seconds * 1000),
      });
      await hooks.onFloodWait?.(seconds);
    },
    onRetry: async (error, attempt) => {
      await recordState(db, id, stream, { error: `${error.message} (retry ${attempt})` });
      await hooks.onRetry?.(error, attempt);
    },
  };
}

export async function lastSuccessAt(
  db: Executor,
  id: number,
  stream: string,
): Promise<Date | null> {
  const [row] = await db.execute<{ last_success_at: string | null }>(
    sql`select last_success_at from sync_state where community_id = ${id} and stream = ${stream}`,
  );
  return row?.last_success_at ? new Date(row.last_success_at) : null;
}
