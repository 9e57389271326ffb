import type { Database } from '../../db/client';
import type { TelegramSource } from './source';
import { trackDiscussionGroup } from './sync-discussion';
import { syncHistory } from './sync-history';
import { PARTICIPANTS_STREAM, snapshotParticipants, syncAdminLog } from './sync-members';
import { communityId, lastSuccessAt } from './sync-state';
import { REACTIONS_STREAM, rereadRecentReactions } from './sync-reactions';
import { rereadRecentPosts } from './sync-views';
import type { CallHooks } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

/** Member lists are long to read and change slowly: re-read at most this often. */
const PARTICIPANTS_EVERY_MS = 6 * 3_600_000;
/** Re-reading a group's recent week of messages for reactions: at most this often. */
const REACTIONS_EVERY_MS = 30 * 60_000;

/**
 * Brings one community up to date: a channel's discussion group is tracked (and handed to
 * `onNewGroup`), then its history, recent posts' counters and admin log, and its recent
 * messages' reactions and member list when due. Returns the facts stored.
 */
export async function syncCommunity(
  db: Database,
  source: TelegramSource,
  accountId: number,
  community: TrackedCommunity,
  hooks: CallHooks,
  onNewGroup: (group: TrackedCommunity) => Promise<void>,
): Promise<number> {
  if (community.kind === 'channel') {
    const group = await trackDiscussionGroup(db, source, accountId, community, hooks);
    if (group) await onNewGroup(group);
  }
  let facts = (await syncHistory(db, source, community, hooks)).messages;
  await rereadRecentPosts(db, source, community, hooks);
  // Basic groups have no admin log; their member list comes with the full chat.
  if (community.kind !== 'group') facts += await syncAdminLog(db, source, community, hooks);
  const id = await communityId(db, community);
  if (community.kind !== 'channel' && (await due(db, id, REACTIONS_STREAM, REACTIONS_EVERY_MS)))
    facts += await rereadRecentReactions(db, source, community, hooks);
  if (await due(db, id, PARTICIPANTS_STREAM, PARTICIPANTS_EVERY_MS))
    facts += await snapshotParticipants(db, source, community, hooks);
  return facts;
}

async function due(db: Database, id: number, stream: string, everyMs: number): Promise<boolean> {
  const last = await lastSuccessAt(db, id, stream);
  return !last || Date.now() - last.getTime() > everyMs;
}
