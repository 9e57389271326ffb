import type { Executor } from '../../db/client';
import { IngestRejectedError, type IngestProblem } from './errors';
import type { Fact, FactOf } from './facts';
import { resolveCommunities } from './resolve-communities';
import { validateBatch } from './validate-batch';
import { upsertCommunities } from './write-communities';
import { insertFacts } from './write-facts';
import { upsertFans, type FanReference } from './write-fans';
import { insertSnapshots, upsertPosts } from './write-posts';

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

type Indexed<K extends Fact['kind']> = { index: number; fact: FactOf<K> };

function byKind(facts: Fact[]) {
  const groups = {
    community: [] as Indexed<'community'>[],
    fan: [] as Indexed<'fan'>[],
    event: [] as Indexed<'event'>[],
    membership: [] as Indexed<'membership'>[],
    post: [] as Indexed<'post'>[],
    post_snapshot: [] as Indexed<'post_snapshot'>[],
    purchase: [] as Indexed<'purchase'>[],
  };
  facts.forEach((fact, index) =>
    (groups[fact.kind] as { index: number; fact: Fact }[]).push({ index, fact }),
  );
  return groups;
}

function fanReferences(g: ReturnType<typeof byKind>): FanReference[] {
  return [
    ...g.event.map(({ fact }) => ({ telegramUserId: fact.fan, seenAt: fact.at })),
    ...g.membership.map(({ fact }) => ({ telegramUserId: fact.fan, seenAt: fact.at })),
    ...g.membership.flatMap(({ fact }) =>
      fact.invitedBy ? [{ telegramUserId: fact.invitedBy }] : [],
    ),
    ...g.purchase.map(({ fact }) => ({ telegramUserId: fact.fan, seenAt: fact.at })),
  ];
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
  const g = byKind(validateBatch(records));
  return db.transaction(async (tx) => {
    const communities = await upsertCommunities(
      tx,
      g.community.map((x) => x.fact),
    );
    const communityIds = await resolveCommunities(tx, [
      ...g.event,
      ...g.membership,
      ...g.post,
      ...g.post_snapshot,
      ...g.purchase,
    ]);
    const fans = await upsertFans(
      tx,
      g.fan.map((x) => x.fact),
      fanReferences(g),
    );
    const fanId = (telegramUserId: number) => fans.ids.get(telegramUserId)!;
    const communityId = (telegramId: number) => communityIds.get(telegramId)!;

    const { events, memberships, purchases } = await insertFacts(tx, {
      events: g.event.map(({ fact: f }) => ({
        source_key: f.sourceKey,
        fan_id: fanId(f.fan),
        community_id: communityId(f.community),
        type: f.type,
        occurred_at: f.at,
        value: f.value ?? null,
        payload: f.payload ?? null,
      })),
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
      touched: [...g.event, ...g.membership, ...g.purchase].map(({ fact }) => ({
        fanId: fanId(fact.fan),
        at: fact.at,
      })),
    });
    const posts = await upsertPosts(
      tx,
      g.post.map(({ fact: f }) => ({
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
    );
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
    const keyed = g.event.length + g.membership.length + g.purchase.length;
    return {
      communities,
      newFans: fans.created,
      events,
      memberships,
      posts,
      postSnapshots: snapshots.inserted,
      purchases,
      duplicates: keyed - events - memberships - purchases,
    };
  });
}
