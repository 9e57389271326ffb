import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { getPublishedRuleSet } from './rule-sets';
import {
  dueFeatureFans,
  readFeatureStoreState,
  storeFeatures,
  storeServes,
  writeFeatureRows,
} from './feature-store';
import { tuneForLifecycle } from './stages';
import { loadFanFacts } from '../history/load-fan-facts';
import { fanFeaturesAt, replayFan } from '../history/replay-fan';
import { loadRuleTimeline } from '../history/rule-timeline';
import { loadZoneCalendars } from '../history/zone-calendar';
import { promotePending, writeReplays } from '../history/write-replays';
import { HISTORY_ENGINE, queueAllFans, resetHistory } from '../history/queue-replays';

export interface RefreshResult {
  /** full: every fan was replayed (a first build, a new engine, or a publish). */
  mode: 'incremental' | 'full';
  /** Fans whose stored features were recomputed from the facts. */
  featuresRecomputed: number | 'all';
  ruleSetVersion: number;
  asOf: Date;
  /** Fans whose history was replayed. */
  fans: number;
  /** Stage changes written to fan_stage_history (replayed and come due). */
  changes: number;
  /** Fans still queued for a replay after this run (a run stops after `maxFans`). */
  queued: number;
}

/** Fans replayed in one transaction: small enough to show progress and keep locks short. */
const BATCH_FANS = 5_000;
/** Batches in flight at once, each on its own connection. */
const REPLAY_WORKERS = 2;
const DAY_MS = 86_400_000;
/** How far past the last fact a calendar must reach: the longest window a rule can have, and some. */
const CALENDAR_AHEAD_MS = 4_000 * DAY_MS;

// The job's steps that touch every fan (queueing a rebuild, moving due decisions, the
// stored features) take this lock alone; replay batches share it, each with its own fans.
const lock = (tx: Executor) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('lifecycle_refresh'))`);
const lockShared = (tx: Executor) =>
  tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext('lifecycle_refresh'))`);

/**
 * The lifecycle job (DESIGN §5, "Stage history is exact"). Each fan with new facts is
 * replayed from its earliest new fact, in batches of its own transactions; after a publish
 * every fan from the publish instant, after a new history engine every fan from its start.
 * Before that, the decisions whose time has come move into the history at their own
 * instants. Last, the stored features of changed and due fans are brought up to `asOf` for
 * the segments.
 */
export async function refreshLifecycle(
  db: Database,
  {
    asOf = new Date(),
    full = false,
    maxFans = Infinity,
  }: { asOf?: Date; full?: boolean; maxFans?: number } = {},
): Promise<RefreshResult> {
  const at = asOf.getTime();
  const { ruleSet, everyFan } = await db.transaction(async (tx) => {
    await lock(tx);
    const ruleSet = await getPublishedRuleSet(tx);
    const [state] = await tx.execute<{
      rule_set_version: number | null;
      history_engine: number | null;
    }>(sql`select rule_set_version, history_engine from lifecycle_state where id = 1 for update`);
    let everyFan = false;
    if (full || state?.history_engine !== HISTORY_ENGINE) {
      await resetHistory(tx);
      await queueAllFans(tx, null);
      everyFan = true;
    } else if (state.rule_set_version !== ruleSet.version) {
      // Stages change at the publish instant under the new rules, and every fan's pending
      // decisions after it were made under the old ones.
      await queueAllFans(tx, ruleSet.publishedAt);
      everyFan = true;
    }
    await tx.execute(sql`
      update lifecycle_state set rule_set_version = ${ruleSet.version},
        history_engine = ${HISTORY_ENGINE} where id = 1`);
    return { ruleSet, everyFan };
  });

  const [bounds] = await db.execute<{ first: number | null }>(
    sql`select (extract(epoch from min(first_seen_at)) * 1000)::float8 as first from fans`,
  );
  const rules = await loadRuleTimeline(db);
  const calendars = await loadZoneCalendars(db, {
    from: Math.min(bounds?.first ?? at, at),
    to: Math.max(at, Date.now()) + CALENDAR_AHEAD_MS,
  });

  // First the decisions whose time has come, so a fan replayed from a later fact starts
  // from the stage it had reached by then.
  const promoted = await db.transaction(async (tx) => {
    await lock(tx);
    return promotePending(tx, at);
  });

  let fans = 0;
  let changes = 0;
  let batches = 0;
  let reserved = 0;
  const featureWindowsKept = storeServes(await readFeatureStoreState(db), ruleSet.params, asOf);
  const replayBatches = async () => {
    while (reserved < maxFans) {
      const want = Math.min(BATCH_FANS, maxFans - reserved);
      reserved += want;
      const batch = await db.transaction(async (tx) => {
        await lockShared(tx);
        await tuneForLifecycle(tx);
        // Emptied in the transaction that writes the replays: a fact committed meanwhile
        // queues its fan again after us. A fan with a fact later than `asOf` waits for it.
        const taken = await tx.execute<{ fan_id: string; from_ms: number | null }>(sql`
          delete from lifecycle_dirty_fans where fan_id in (
            select fan_id from lifecycle_dirty_fans
            where latest_at <= ${asOf.toISOString()}::timestamptz
            order by fan_id limit ${want}
            for update skip locked)
          returning fan_id::text,
            case when earliest_at = '-infinity' then null
              else (extract(epoch from earliest_at) * 1000)::float8 end as from_ms`);
        if (taken.length === 0) return null;
        const requests = taken.map((r) => ({
          fanId: Number(r.fan_id),
          from: r.from_ms === null ? -Infinity : Number(r.from_ms),
        }));
        const facts = await loadFanFacts(tx, requests, rules, calendars);
        const replayed = facts.map((f) => ({
          facts: f,
          decisions: replayFan(f, rules, calendars),
        }));
        if (featureWindowsKept)
          await writeFeatureRows(
            tx,
            requests.map((r) => r.fanId),
            facts.flatMap((f) => fanFeaturesAt(f, at, ruleSet.params, calendars) ?? []),
          );
        // Last in the transaction, as it ends by locking the day rows of the stage counts.
        const { moves } = await writeReplays(tx, replayed, at);
        return { fans: taken.length, moves };
      });
      reserved -= want - (batch?.fans ?? 0);
      if (!batch) return;
      fans += batch.fans;
      changes += batch.moves;
      // A rebuild fills the history tables from empty: without fresh statistics the
      // planner keeps the plans of empty tables (a scan per fan) and batches slow to minutes.
      if (everyFan && ++batches % 8 === 1)
        await db.execute(sql`analyze fan_stage_history, fan_stage_pending, fan_presence`);
    }
  };
  // Two batches at once: one loads its facts while the other decides and writes.
  await Promise.all(Array.from({ length: REPLAY_WORKERS }, replayBatches));

  const featuresRecomputed = await db.transaction(async (tx) => {
    await lock(tx);
    await tuneForLifecycle(tx);
    let featuresRecomputed: number | 'all';
    if (featureWindowsKept) {
      const due = await dueFeatureFans(tx, asOf);
      await storeFeatures(tx, asOf, ruleSet.params, due);
      featuresRecomputed = due.length + fans;
    } else {
      await storeFeatures(tx, asOf, ruleSet.params, null);
      featuresRecomputed = 'all';
    }
    await tx.execute(
      sql`update lifecycle_state set refreshed_at = ${asOf.toISOString()}::timestamptz where id = 1`,
    );
    return featuresRecomputed;
  });
  const [left] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from lifecycle_dirty_fans`,
  );
  return {
    mode: everyFan ? 'full' : 'incremental',
    featuresRecomputed,
    ruleSetVersion: ruleSet.version,
    asOf,
    fans,
    changes: changes + promoted,
    queued: left!.n,
  };
}
