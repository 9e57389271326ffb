import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ingestBatch } from '../../lib/ingest';
import { factsFromMessages } from './map/facts-from-messages';
import { RECENT_MS } from './recent';
import type { TelegramSource } from './source';
import { recordState, runStream, type SyncHooks } from './sync-state';
import { callTelegram } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// Views are per post, never per fan. Recent posts are read again as they are now, and each
// reading (views, forwards, reactions, replies) becomes the post's counters and a snapshot,
// so the dashboard shows the latest numbers and how views grew after posting.

export const VIEWS_STREAM = 'views';
/** Message ids per channels.getMessages. */
const IDS_PER_CALL = 100;

/** Re-reads the community's recent posts; returns how many posts were asked for. */
export async function rereadRecentPosts(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<number> {
  return runStream(db, community, VIEWS_STREAM, hooks, async ({ id, calls, now }) => {
    const since = new Date(now().getTime() - RECENT_MS);
    const posts = await db.execute<{ message_id: number }>(sql`
      select message_id from posts
      where community_id = ${id} and posted_at >= ${since.toISOString()}::timestamptz
      order by message_id`);
    for (let i = 0; i < posts.length; i += IDS_PER_CALL) {
      const ids = posts.slice(i, i + IDS_PER_CALL).map((p) => Number(p.message_id));
      const page = await callTelegram(() => source.messages(community, ids), calls);
      await ingestBatch(db, factsFromMessages(community, page.messages, page.users, now()));
    }
    await recordState(db, id, VIEWS_STREAM, {
      done: posts.length,
      restart: true,
      error: null,
      floodWaitUntil: null,
      success: true,
    });
    return posts.length;
  });
}
