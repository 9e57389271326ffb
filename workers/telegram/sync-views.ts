import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ingestBatch, type FactInput } from '../../lib/ingest';
import type { TelegramSource } from './source';
import { recordState, runStream, type SyncHooks } from './sync-state';
import { callTelegram } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// Views are per post, never per fan. Recent posts' counters are re-read into snapshots,
// so the dashboard can show how views grew after posting.

export const VIEWS_STREAM = 'views';
/** Posts younger than this are re-read; older ones have settled. */
const RECENT_MS = 14 * 86_400_000;
/** Telegram's limit of ids per messages.getMessagesViews. */
const IDS_PER_CALL = 100;

/** Snapshots the counters of the community's recent posts; returns how many posts. */
export async function snapshotRecentPosts(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<number> {
  return runStream(db, community, VIEWS_STREAM, hooks, async ({ id, calls, now }) => {
    const since = new Date(now().getTime() - RECENT_MS);
    const posts = await db.execute<{ message_id: number; reactions: number }>(sql`
      select message_id, reactions from posts
      where community_id = ${id} and posted_at >= ${since.toISOString()}::timestamptz
      order by message_id`);
    for (let i = 0; i < posts.length; i += IDS_PER_CALL) {
      const chunk = posts.slice(i, i + IDS_PER_CALL);
      const counters = await callTelegram(
        () =>
          source.postCounters(
            community,
            chunk.map((p) => Number(p.message_id)),
          ),
        calls,
      );
      const capturedAt = now();
      const facts: FactInput[] = counters.map((c, j) => ({
        kind: 'post_snapshot',
        community: community.telegramId,
        messageId: c.messageId,
        capturedAt,
        views: c.views,
        forwards: c.forwards,
        // getMessagesViews does not give reactions: the post's last known count.
        reactions: chunk[j]!.reactions,
        replies: c.replies,
      }));
      await ingestBatch(db, facts);
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
