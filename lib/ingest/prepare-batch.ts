import type { Fact, FactOf } from './facts';
import { communitiesOf } from './resolve-communities';
import { storableFacts, type UnstorableRecord } from './storable-facts';
import { validateBatch } from './validate-batch';
import { factsStatement, type EventFacts } from './write-facts';
import { sightFan, type FanSightings } from './write-fans';
import { snapshotsStatement } from './write-posts';
import type { SQL } from 'drizzle-orm';

type Indexed<K extends Fact['kind']> = { index: number; fact: FactOf<K> };

export type FactGroups = ReturnType<typeof byKind>;

/**
 * A batch checked and turned into its statements. Pure JavaScript: the statements find
 * fans and communities by Telegram id, so the next batch can be prepared while the server
 * writes this one ({@link ingestBatches}).
 */
export interface PreparedBatch {
  groups: FactGroups;
  /** The facts that name a community (all but communities and fan profiles). */
  inCommunities: { index: number; fact: { community?: number | null } }[];
  /** The Telegram chat ids those facts name, each once. */
  communities: number[];
  /** Every fan the batch names, with the time of its earliest fact if it has one. */
  earliest: FanSightings;
  /** The events, one per key, in the order they are written. */
  events: EventFacts;
  facts: SQL | null;
  snapshots: SQL | null;
  /** Records cleaned or set aside for text Postgres cannot store. */
  unstorable: UnstorableRecord[];
}

/** The facts by kind, each with its index in the batch; a set-aside record (null) is left out. */
function byKind(facts: (Fact | null)[]) {
  const groups = {
    community: [] as Indexed<'community'>[],
    fan: [] as Indexed<'fan'>[],
    event: [] as Indexed<'event'>[],
    membership: [] as Indexed<'membership'>[],
    post: [] as Indexed<'post'>[],
    post_snapshot: [] as Indexed<'post_snapshot'>[],
    purchase: [] as Indexed<'purchase'>[],
  };
  facts.forEach((fact, index) => {
    if (fact) (groups[fact.kind] as { index: number; fact: Fact }[]).push({ index, fact });
  });
  return groups;
}

/** Every fan the batch names, with its earliest fact time. */
function fanTimes(g: FactGroups) {
  const earliest: FanSightings = new Map();
  const fact = (fan: number, at: Date) => sightFan(earliest, fan, at);
  for (const { fact: f } of g.event) fact(f.fan, f.at);
  for (const { fact: f } of g.membership) {
    fact(f.fan, f.at);
    if (f.invitedBy) sightFan(earliest, f.invitedBy);
  }
  for (const { fact: f } of g.purchase) if (f.fan) fact(f.fan, f.at);
  for (const { fact: f } of g.fan) sightFan(earliest, f.telegramUserId);
  return earliest;
}

/**
 * The batch's events in key order, a key repeated keeping its first record. Every process
 * writes events in this one order, so two batches that share keys wait for each other
 * rather than deadlock. Sorting here, off the server, spares the statement a sort.
 */
function firstOfEachKey(g: FactGroups): EventFacts {
  const seen = new Set<string>();
  const events: EventFacts = [];
  for (const { fact } of g.event) {
    if (seen.has(fact.sourceKey)) continue;
    seen.add(fact.sourceKey);
    events.push(fact);
  }
  return events.sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : 1));
}

/** Checks a batch and prepares it for {@link writeBatch}; an invalid record refuses it whole. */
export function prepareBatch(records: readonly unknown[]): PreparedBatch {
  const storable = storableFacts(validateBatch(records));
  const groups = byKind(storable.facts);
  const inCommunities = [
    ...groups.event,
    ...groups.membership,
    ...groups.post,
    ...groups.post_snapshot,
    ...groups.purchase,
  ];
  const events = firstOfEachKey(groups);
  const communities = communitiesOf(inCommunities);
  const earliest = fanTimes(groups);
  return {
    groups,
    inCommunities,
    communities,
    earliest,
    events,
    facts: factsStatement({
      profiles: groups.fan.map((x) => x.fact),
      posts: groups.post.map((x) => x.fact),
      events,
      memberships: groups.membership.map((x) => x.fact),
      purchases: groups.purchase.map((x) => x.fact),
      fans: [...earliest.keys()],
      communities,
    }),
    snapshots: snapshotsStatement(
      groups.post_snapshot.map((x) => x.fact),
      groups.post.map((x) => x.fact),
    ),
    unstorable: storable.unstorable,
  };
}
