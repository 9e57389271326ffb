import type { Executor } from '../../db/client';
import { IngestRejectedError, type IngestProblem } from './errors';
import { prepareBatch, type PreparedBatch } from './prepare-batch';
import { checkCommunities } from './resolve-communities';
import { upsertCommunities } from './write-communities';
import { insertFacts } from './write-facts';
import { upsertFans } from './write-fans';
import { insertSnapshots } from './write-posts';

export interface IngestResult {
  communities: number;
  newFans: number;
  events: number;
  memberships: number;
  posts: number;
  postSnapshots: number;
  purchases: number;
  /** Records whose natural key was already stored (a replay), skipped on purpose. */
  duplicates: number;
}

/**
 * The single write path for every source. Validates the whole batch first, then writes it
 * in one transaction: all of it or, on any problem, none of it. Facts are keyed by their
 * source's natural key, so running the same batch again adds nothing. Inside a caller's
 * transaction it becomes a savepoint, so the caller can store its cursor atomically with it.
 */
export async function ingestBatch(
  db: Executor,
  records: readonly unknown[],
): Promise<IngestResult> {
  return writeBatch(db, prepareBatch(records));
}

/**
 * Writes a prepared batch (see {@link ingestBatch}). `whileWriting` runs once the batch's
 * main statement is with the server, for work that should overlap it.
 */
export async function writeBatch(
  db: Executor,
  batch: PreparedBatch,
  whileWriting?: () => void,
): Promise<IngestResult> {
  const g = batch.groups;
  return db.transaction(async (tx) => {
    const communities = await upsertCommunities(
      tx,
      g.community.map((x) => x.fact),
    );
    const fans = await upsertFans(tx, batch.earliest, batch.communities);
    const communityIds = fans.communityIds;
    checkCommunities(batch.inCommunities, communityIds);
    const fanId = (telegramUserId: number) => fans.ids.get(telegramUserId)!;
    const communityId = (telegramId: number) => communityIds.get(telegramId)!;

    const written = insertFacts(tx, {
      profiles: g.fan.map((x) => x.fact),
      posts: g.post.map(({ fact: f }) => ({
        community_id: communityId(f.community),
        message_id: f.messageId,
        posted_at: f.at,
        text: f.text ?? null,
        views: f.views,
        forwards: f.forwards,
        reactions: f.reactions,
        replies: f.replies,
        observed_at: f.observedAt,
      })),
      events: {
        ...batch.rendered,
        fanIds: batch.events.map((f) => fanId(f.fan)),
        communityIds: batch.events.map((f) => communityId(f.community)),
      },
      memberships: g.membership.map(({ fact: f }) => ({
        source_key: f.sourceKey,
        fan_id: fanId(f.fan),
        community_id: communityId(f.community),
        action: f.action,
        occurred_at: f.at,
        invited_by_fan_id: f.invitedBy ? fanId(f.invitedBy) : null,
        invite_link: f.inviteLink ?? null,
        source: f.source,
      })),
      purchases: g.purchase.map(({ fact: f }) => ({
        source_key: f.sourceKey,
        order_id: f.orderId,
        fan_id: fanId(f.fan),
        community_id: f.community == null ? null : communityId(f.community),
        amount: f.amount,
        currency: f.currency,
        occurred_at: f.at,
      })),
      latest: new Map([...batch.latest].map(([telegramId, at]) => [fanId(telegramId), at])),
    });
    if (whileWriting) {
      written.catch(() => {}); // awaited below; this only keeps it from counting as unhandled
      // Once the statement is on the wire (after the pending callbacks have run).
      await new Promise((resolve) => setImmediate(resolve));
      whileWriting();
    }
    const { events, memberships, purchases, posts } = await written;
    const snapshots = await insertSnapshots(
      tx,
      g.post_snapshot.map(({ fact: f }) => ({
        community_id: communityId(f.community),
        message_id: f.messageId,
        captured_at: f.capturedAt,
        views: f.views,
        forwards: f.forwards,
        reactions: f.reactions,
        replies: f.replies,
      })),
    );
    if (snapshots.unknownPost.length > 0)
      throw new IngestRejectedError(
        snapshots.unknownPost.map((pos): IngestProblem => ({
          index: g.post_snapshot[pos]!.index,
          path: 'messageId',
          message: 'snapshot of a post that is neither stored nor in this batch',
        })),
      );
    const withKeys = g.event.length + g.membership.length + g.purchase.length;
    return {
      communities,
      newFans: fans.created,
      events,
      memberships,
      posts,
      postSnapshots: snapshots.inserted,
      purchases,
      duplicates: withKeys - events - memberships - purchases,
    };
  });
}
