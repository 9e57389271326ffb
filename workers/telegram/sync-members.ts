import bigInt from 'big-integer';
import type { Database } from '../../db/client';
import { ingestBatch } from '../../lib/ingest';
import { factsFromAdminLog, factsFromParticipants } from './map/facts-from-members';
import type { TelegramSource } from './source';
import { readCursor, recordState, runStream, type SyncHooks } from './sync-state';
import { callTelegram } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// Who joined and left. Telegram keeps admin-log joins and leaves for about 48 hours, so the
// log is read often, from the newest event stored; participant lists (with each member's
// join date) are re-read as snapshots and are the record for anything older.

export const ADMIN_LOG_STREAM = 'admin_log';
export const PARTICIPANTS_STREAM = 'participants';

/** Every admin-log join, leave and invite since the newest stored; returns how many events. */
export async function syncAdminLog(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<number> {
  return runStream(db, community, ADMIN_LOG_STREAM, hooks, async ({ id, calls }) => {
    const { newestId = '0' } = await readCursor<{ newestId: string }>(db, id, ADMIN_LOG_STREAM);
    // Newest first, down to the newest stored: the cursor moves only once all are stored,
    // and a page stored twice adds nothing.
    let maxId = '0';
    let top = bigInt(newestId);
    let events = 0;
    for (;;) {
      const limit = hooks.pageSize ?? 100;
      const page = await callTelegram(
        () => source.adminLog(community, { minId: newestId, maxId, limit }),
        calls,
      );
      if (page.events.length === 0) break;
      const ids = page.events.map((e) => bigInt(String(e.id)));
      top = ids.reduce((a, b) => bigInt.max(a, b), top);
      await ingestBatch(db, factsFromAdminLog(community, page.events, page.users));
      events += page.events.length;
      maxId = ids.reduce((a, b) => bigInt.min(a, b)).toString();
    }
    await recordState(db, id, ADMIN_LOG_STREAM, {
      cursor: { newestId: top.toString() },
      done: events,
      error: null,
      floodWaitUntil: null,
      success: true,
    });
    return events;
  });
}

/** Reads the member list through and stores each member's join; returns how many members. */
export async function snapshotParticipants(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<number> {
  return runStream(db, community, PARTICIPANTS_STREAM, hooks, async ({ id, calls }) => {
    const limit = hooks.pageSize ?? 200;
    let offset = 0;
    await recordState(db, id, PARTICIPANTS_STREAM, { done: 0, restart: true });
    for (;;) {
      const page = await callTelegram(
        () => source.participants(community, { offset, limit }),
        calls,
      );
      if (page.participants.length === 0) break;
      await ingestBatch(db, factsFromParticipants(community, page.participants, page.users));
      offset += page.participants.length;
      await recordState(db, id, PARTICIPANTS_STREAM, {
        done: page.participants.length,
        total: page.count,
      });
      if (offset >= page.count) break;
    }
    await recordState(db, id, PARTICIPANTS_STREAM, {
      error: null,
      floodWaitUntil: null,
      success: true,
    });
    return offset;
  });
}
