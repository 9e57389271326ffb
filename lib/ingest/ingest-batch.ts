import type { Executor } from '../../db/client';
import { IngestRejectedError, type IngestProblem } from './errors';
import type { Fact, FactOf } from './facts';
import { checkCommunities, communitiesOf } from './resolve-communities';
import { validateBatch } from './validate-batch';
import { upsertCommunities } from './write-communities';
import { insertFacts, renderEvents, type EventFacts } from './write-facts';
import { sightFan, upsertFans, type FanSightings } from './write-fans';
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

/** Every fan the batch names, with its earliest and newest fact time (in ms). */
function fanTimes(g: ReturnType<typeof byKind>) {
  const earliest: FanSightings = new Map();
  const latest = new Map<number, number>();
  const fact = (fan: number, at: Date) => {
    sightFan(earliest, fan, at);
    const time = at.getTime();
    const known = latest.get(fan);
    if (known === undefined || time > known) latest.set(fan, time);
  };
  for (const { fact: f } of g.event) fact(f.fan, f.at);
  for (const { fact: f } of g.membership) {
    fact(f.fan, f.at);
    if (f.invitedBy) sightFan(earliest, f.invitedBy);
  }
  for (const { fact: f } of g.purchase) fact(f.fan, f.at);
  return { earliest, latest };
}

/** The batch's events, a key repeated keeping its first record. */
function firstOfEachKey(g: ReturnType<typeof byKind>): EventFacts {
  const seen = new Set<string>();
  const events: EventFacts = [];
  for (const { fact } of g.event) {
    if (seen.has(fact.sourceKey)) continue;
    seen.add(fact.sourceKey);
    events.push(fact);
  }
  return events;
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
    const inCommunities = [
      ...g.event,
      ...g.membership,
      ...g.post,
      ...g.post_snapshot,
      ...g.purchase,
    ];
    const times = fanTimes(g);
    for (const { fact } of g.fan) sightFan(times.earliest, fact.telegramUserId);
    const fansWritten = upsertFans(tx, times.earliest, communitiesOf(inCommunities));
    fansWritten.catch(() => {}); // awaited below; this only keeps it from counting as unhandled
    // While the server writes the fans, render the events' columns that need no ids: once
    // the statement is on the wire (after the pending callbacks have run).
    await new Promise((resolve) => setImmediate(resolve));
    const eventFacts = firstOfEachKey(g);
    const rendered = renderEvents(eventFacts);
    const fans = await fansWritten;
    const communityIds = fans.communityIds;
    checkCommunities(inCommunities, communityIds);
    const fanId = (telegramUserId: number) => fans.ids.get(telegramUserId)!;
    const communityId = (telegramId: number) => communityIds.get(telegramId)!;

    const { events, memberships, purchases, posts } = await insertFacts(tx, {
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
        ...rendered,
        fanIds: eventFacts.map((f) => fanId(f.fan)),
        communityIds: eventFacts.map((f) => communityId(f.community)),
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
      latest: new Map([...times.latest].map(([telegramId, at]) => [fanId(telegramId), at])),
    });
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
