import type { Executor } from '../../db/client';
import { withoutErasedPeople } from './erased-people';
import { IngestRejectedError, type IngestProblem } from './errors';
import { lockCommunities } from './lock-communities';
import { prepareBatch, type PreparedBatch } from './prepare-batch';
import { checkCommunities } from './resolve-communities';
import type { UnstorableRecord } from './storable-facts';
import { upsertCommunities } from './write-communities';
import { insertFacts } from './write-facts';
import { upsertFans } from './write-fans';
import { insertSnapshots } from './write-posts';
import { ensureBaseCurrency } from './write-purchases';

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
  /** Records stored with their text cleaned (a NUL or a lone surrogate): storable-facts.ts. */
  cleaned: number;
  /** Records not stored because a key of theirs held such text. */
  setAside: number;
  /** Which records those were, and why. */
  unstorable: UnstorableRecord[];
  /** Records of people erased by a privacy request, skipped: they are never stored again. */
  erased: number;
}

/**
 * The single write path for every source. Validates the whole batch first, then writes it
 * in one transaction: all of it or, on any problem, none of it. Text Postgres cannot store
 * is cleaned, and a record whose key holds some is set aside; both are counted. Facts are keyed by their
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
 * Writes a prepared batch (see {@link ingestBatch}). Its statements are sent together, one
 * behind the other, so the server runs them without waiting on JavaScript in between;
 * `whileWriting` runs once they are all with the server, for work that should overlap them.
 */
export async function writeBatch(
  db: Executor,
  prepared: PreparedBatch,
  whileWriting?: () => void,
): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const { batch, erased } = await withoutErasedPeople(tx, prepared);
    const g = batch.groups;
    // Community facts are rare (a sync's first page): written first, as the rest needs them.
    const communities = await upsertCommunities(
      tx,
      g.community.map((x) => x.fact),
    );
    // The lock first: the statements behind it read the communities' time zones.
    const locked = lockCommunities(tx, batch.communities);
    const firstCurrency = g.purchase[0]?.fact.currency;
    const sent = [
      upsertFans(tx, batch.earliest, batch.communities),
      firstCurrency ? ensureBaseCurrency(tx, firstCurrency) : Promise.resolve(),
      insertFacts(tx, batch.facts),
      insertSnapshots(tx, batch.snapshots),
    ] as const;
    // Read in order below; a later one's failure is moot once an earlier one has thrown.
    for (const statement of [locked, ...sent]) statement.catch(() => {});
    if (whileWriting) {
      // Once the statements are on the wire (after the pending callbacks have run).
      await new Promise((resolve) => setImmediate(resolve));
      whileWriting();
    }
    await locked;
    const fans = await sent[0];
    // Before the facts' result: its error, if any, is these facts' null community.
    checkCommunities(batch.inCommunities, fans.communityIds);
    await sent[1];
    const { events, memberships, purchases, posts } = await sent[2];
    const snapshots = await sent[3];
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
      cleaned: batch.unstorable.filter((r) => r.outcome === 'cleaned').length,
      setAside: batch.unstorable.filter((r) => r.outcome === 'set_aside').length,
      unstorable: batch.unstorable,
      erased,
    };
  });
}
