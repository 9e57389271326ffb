import type { Database } from '../../db/client';
import { ingestBatch } from '../../lib/ingest';
import { factsFromMessages } from './map/facts-from-messages';
import type { TelegramSource } from './source';
import { callTelegram } from './telegram-calls';
import { readCursor, recordState, runStream, type SyncHooks } from './sync-state';
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
  const limit = hooks.pageSize ?? 100;
  return runStream(db, community, HISTORY_STREAM, hooks, async ({ id, calls, now }) => {
    let cursor = await readCursor<HistoryCursor>(db, id, HISTORY_STREAM);
    let pages = 0;
    let messages = 0;
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
        await recordState(tx, id, HISTORY_STREAM, {
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
  });
}
