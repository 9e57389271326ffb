import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { ingestBatch } from '../../lib/ingest';
import { factsFromMessages } from './map/facts-from-messages';
import type { TelegramSource } from './source';
import { callTelegram, type CallHooks } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// A community's message history, paged backwards from the newest message until Telegram
// has no older one (the backfill), then forwards from the newest seen (incremental). Each
// page's facts and the cursor that follows it are stored in one transaction, so a restart
// resumes at the page after the last stored one and a page fetched twice adds nothing.

export const HISTORY_STREAM = 'history';

interface HistoryCursor {
  /** The backfill has reached the oldest message. */
  backfilled?: boolean;
  /** Backfill: the oldest message stored so far. */
  oldestId?: number;
  /** Every message up to this id is stored. */
  newestId?: number;
  /** Incremental catch-up in progress: paging down from `offsetId` to `newestId`. */
  catchUp?: { offsetId: number; top: number };
}

export interface SyncHooks extends CallHooks {
  now?: () => Date;
  pageSize?: number;
}

async function communityId(db: Executor, community: TrackedCommunity): Promise<number> {
  const [row] = await db.execute<{ id: number }>(
    sql`select id from communities where telegram_id = ${community.telegramId}`,
  );
  if (!row) throw new Error(`community ${community.telegramId} is not tracked`);
  return Number(row.id);
}

async function readCursor(db: Executor, id: number): Promise<HistoryCursor> {
  const [row] = await db.execute<{ cursor: HistoryCursor | null }>(
    sql`select cursor from sync_state where community_id = ${id} and stream = ${HISTORY_STREAM}`,
  );
  return row?.cursor ?? {};
}

async function recordState(
  db: Executor,
  id: number,
  fields: {
    cursor?: HistoryCursor;
    done?: number;
    total?: number | null;
    error?: string | null;
    floodWaitUntil?: Date | null;
    success?: boolean;
  },
): Promise<void> {
  const now = new Date();
  await db.execute(sql`
    insert into sync_state (community_id, stream, cursor, progress_done, progress_total, last_run_at,
      last_success_at, last_error, flood_wait_until)
    values (${id}, ${HISTORY_STREAM}, ${JSON.stringify(fields.cursor ?? {})}::jsonb, ${fields.done ?? 0},
      ${fields.total ?? null}, ${now.toISOString()}::timestamptz,
      ${fields.success ? now.toISOString() : null}::timestamptz, ${fields.error ?? null},
      ${fields.floodWaitUntil?.toISOString() ?? null}::timestamptz)
    on conflict (community_id, stream) do update set
      cursor = case when ${fields.cursor !== undefined} then excluded.cursor else sync_state.cursor end,
      progress_done = sync_state.progress_done + excluded.progress_done,
      progress_total = coalesce(excluded.progress_total, sync_state.progress_total),
      last_run_at = excluded.last_run_at,
      last_success_at = coalesce(excluded.last_success_at, sync_state.last_success_at),
      last_error = case when ${fields.error !== undefined} then excluded.last_error else sync_state.last_error end,
      flood_wait_until = case when ${fields.floodWaitUntil !== undefined} then excluded.flood_wait_until
        else sync_state.flood_wait_until end`);
}

/** The next page to ask for, or null when the history is up to date. */
function nextPage(cursor: HistoryCursor) {
  if (!cursor.backfilled) return { offsetId: cursor.oldestId ?? 0, minId: 0 };
  return { offsetId: cursor.catchUp?.offsetId ?? 0, minId: cursor.newestId ?? 0 };
}

function advance(cursor: HistoryCursor, ids: number[]): HistoryCursor {
  const lowest = Math.min(...ids);
  const highest = Math.max(...ids);
  if (!cursor.backfilled)
    return ids.length === 0
      ? { backfilled: true, newestId: cursor.newestId ?? 0 }
      : { oldestId: lowest, newestId: Math.max(cursor.newestId ?? 0, highest) };
  if (ids.length === 0)
    return { backfilled: true, newestId: cursor.catchUp?.top ?? cursor.newestId ?? 0 };
  return {
    ...cursor,
    catchUp: { offsetId: lowest, top: Math.max(cursor.catchUp?.top ?? 0, highest) },
  };
}

/**
 * Syncs one community's history until it is up to date; returns the pages and messages
 * read. Throws AccountStoppedError when the session is gone.
 */
export async function syncHistory(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<{ pages: number; messages: number }> {
  const now = hooks.now ?? (() => new Date());
  const limit = hooks.pageSize ?? 100;
  const id = await communityId(db, community);
  let cursor = await readCursor(db, id);
  let pages = 0;
  let messages = 0;
  const calls: CallHooks = {
    ...hooks,
    onFloodWait: async (seconds) => {
      await recordState(db, id, { floodWaitUntil: new Date(now().getTime() + seconds * 1000) });
      await hooks.onFloodWait?.(seconds);
    },
    onRetry: async (error, attempt) => {
      await recordState(db, id, { error: `${error.message} (retry ${attempt})` });
      await hooks.onRetry?.(error, attempt);
    },
  };
  try {
    for (;;) {
      // An empty page after the backfill means every message up to now is stored.
      const wasBackfilled = cursor.backfilled === true;
      const page = nextPage(cursor);
      const result = await callTelegram(() => source.history(community, { ...page, limit }), calls);
      const next = advance(
        cursor,
        result.messages.map((m) => m.id),
      );
      const upToDate = wasBackfilled && result.messages.length === 0;
      await db.transaction(async (tx) => {
        if (result.messages.length > 0)
          await ingestBatch(tx, factsFromMessages(community, result.messages, result.users, now()));
        await recordState(tx, id, {
          cursor: next,
          done: result.messages.length,
          total: result.count,
          error: null,
          floodWaitUntil: null,
          success: upToDate,
        });
      });
      pages++;
      messages += result.messages.length;
      cursor = next;
      if (upToDate) return { pages, messages };
    }
  } catch (error) {
    await recordState(db, id, { error: (error as Error).message });
    throw error;
  }
}
