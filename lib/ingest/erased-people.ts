import { createHmac, hkdfSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Fact } from './facts';
import { prepareBatch, type PreparedBatch } from './prepare-batch';
import { inline } from './sql-arrays';

// People erased by a privacy request (lib/fans/erase-fan.ts) never come back through ingest:
// each is kept in erased_people only as HMAC-SHA256 of its Telegram user id, and every batch
// drops the facts of anyone listed there. The hash is keyed because a plain hash of a
// ten-digit id is reversed by hashing every id; the key is derived from AUTH_SECRET, the one
// secret every deployment has and keeps (README "Fan lookup and privacy").
//
// An advisory lock orders erasures and batches: a batch holds it shared from its look-up to
// its commit, an erasure takes it exclusively before anything else. So a batch either
// commits before the erasure starts (which then erases what it wrote) or looks up after the
// erasure committed.

export interface ErasureKey {
  key: Buffer;
  /** Names the key in erased_people.key_id, never revealing it. */
  id: string;
}

const keys = new Map<string, ErasureKey>();

/** The key erased people are hashed with, from AUTH_SECRET; null when it is not set. */
export function erasureKey(
  secret = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
): ErasureKey | null {
  if (!secret) return null;
  let known = keys.get(secret);
  if (!known) {
    const key = Buffer.from(hkdfSync('sha256', secret, 'fan-lifecycle', 'erased-people/v1', 32));
    known = { key, id: createHmac('sha256', key).update('key id').digest('hex').slice(0, 16) };
    keys.set(secret, known);
  }
  return known;
}

export function personHash(key: ErasureKey, telegramUserId: number): Buffer {
  return createHmac('sha256', key.key).update(String(telegramUserId)).digest();
}

/** Ingest cannot tell erased people from others: it must not write (and guess wrong). */
export class ErasureKeyError extends Error {
  constructor() {
    super(
      'Some people were erased under another AUTH_SECRET than this process has (or it has ' +
        'none): ingest refuses batches that name fans until AUTH_SECRET is the one of the web ' +
        'app that erased them, so that they cannot come back.',
    );
    this.name = 'ErasureKeyError';
  }
}

const lock = sql`hashtext('erased_people')`;

/** For an erasure, first thing in its transaction: waits for the batches being written. */
export async function lockForErasure(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${lock})`);
}

/** Lists the person as erased (after lockForErasure, in the erasure's transaction). */
export async function recordErasedPerson(tx: Executor, telegramUserId: number): Promise<void> {
  const key = erasureKey();
  if (!key) throw new ErasureKeyError();
  await tx.execute(sql`insert into erased_people (hash, key_id)
    values (${personHash(key, telegramUserId)}, ${key.id}) on conflict (hash) do nothing`);
}

const fanOf = (f: Fact): number | undefined =>
  f.kind === 'fan' ? f.telegramUserId : 'fan' in f ? (f.fan ?? undefined) : undefined;

// Per process: each Telegram id's hash (the same fans come back batch after batch), and the
// list as last read with what identifies its state. Entries are only ever added, so a list
// with the same database, count and newest time is the same list.
const hashes = { keyId: '', byFan: new Map<number, string>() };
let list: { state: string; hashes: Set<string> } | null = null;

function hashOf(key: ErasureKey, fan: number): string {
  if (hashes.keyId !== key.id || hashes.byFan.size >= 100_000)
    Object.assign(hashes, { keyId: key.id, byFan: new Map() });
  let hash = hashes.byFan.get(fan);
  if (hash === undefined) {
    hash = personHash(key, fan).toString('hex');
    hashes.byFan.set(fan, hash);
  }
  return hash;
}

/**
 * The batch without the facts of erased people (counted in `erased`); a membership an
 * erased person invited to stays, without its inviter. Takes the shared lock (see above),
 * which the batch's transaction then holds until it commits. Costs one round trip while
 * the list is unchanged: the lock and a look at the list's state, sent together.
 */
export async function withoutErasedPeople(
  tx: Executor,
  batch: PreparedBatch,
): Promise<{ batch: PreparedBatch; erased: number }> {
  if (batch.earliest.size === 0) return { batch, erased: 0 };
  const key = erasureKey();
  // The state is read by a statement of its own, so its snapshot is taken once the lock
  // is held; without parameters, both go in one round trip.
  const [, [state]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock_shared(${lock})`),
    tx.execute<{ n: number; state: string; other: boolean }>(sql`
      select count(*)::int as n, bool_or(key_id <> ${inline(key?.id ?? '', 'text')}) as other,
        concat_ws('|', current_database(), pg_postmaster_start_time(), count(*), max(erased_at))
          as state
      from erased_people`),
  ]);
  if (state!.n === 0) return { batch, erased: 0 };
  if (!key || state!.other) throw new ErasureKeyError();
  if (list?.state !== state!.state) {
    const rows = await tx.execute<{ hex: string }>(
      sql`select encode(hash, 'hex') as hex from erased_people`,
    );
    list = { state: state!.state, hashes: new Set(rows.map((r) => r.hex)) };
  }
  const known = list.hashes;
  const erased = new Set([...batch.earliest.keys()].filter((fan) => known.has(hashOf(key, fan))));
  if (erased.size === 0) return { batch, erased: 0 };
  const kept: Fact[] = [];
  let dropped = 0;
  const all = Object.values(batch.groups).flat() as { index: number; fact: Fact }[];
  for (const { fact } of all.sort((a, b) => a.index - b.index)) {
    const fan = fanOf(fact);
    if (fan !== undefined && erased.has(fan)) dropped++;
    else if (fact.kind === 'membership' && fact.invitedBy && erased.has(fact.invitedBy))
      kept.push({ ...fact, invitedBy: null });
    else kept.push(fact);
  }
  return { batch: prepareBatch(kept), erased: dropped };
}
