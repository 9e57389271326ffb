import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { runDemoTick } from '../../lib/demo/live-tick';
import { refreshGrowthRollups } from '../../lib/growth/rollups';
import {
  readShare,
  readShares,
  replaceShares,
  shareTables,
  type ChangingFans,
} from '../../lib/history/history-shares';
import { ingestBatch } from '../../lib/ingest';
import { previewDraft } from '../../lib/lifecycle/preview';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { tuneForLifecycle } from '../../lib/lifecycle/stages';
import { publishDraft, startDraft, updateDraft } from '../../lib/lifecycle/rule-set-writes';
import { seconds, type Report } from './report';

async function medianOfThree(run: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await seconds(run))[0]);
  return runs.sort((a, b) => a - b)[1]!;
}

const DAY_MS = 86_400_000;

/** About `events` new events from the demo source, playing the world on from `from`. */
async function demoEvents(db: DbHandle['db'], from: number, events: number) {
  let to = from;
  let added = 0;
  while (added < events) {
    to += 60_000;
    added += (await runDemoTick(db, new Date(to)))?.events ?? 0;
  }
  return { to, added };
}

/**
 * `n` late facts: a reaction for each of `n` fans with a recorded change, dated a day
 * before that fan's last change (never before its first fact), through ingest.
 */
async function lateFacts(db: DbHandle['db'], n: number, fanCount: number): Promise<number> {
  const fans = await db.execute<{ telegram_user_id: string; community: string; at: string }>(sql`
    select f.telegram_user_id::text, c.telegram_id::text as community,
      greatest(h.last_at - interval '1 day', f.first_seen_at)::text as at
    from (
      select fan_id, max(changed_at) as last_at from fan_stage_history
      where fan_id % ${Math.max(1, Math.floor(fanCount / (2 * n)))} = 0 group by fan_id limit ${n}) h
    join fans f on f.id = h.fan_id
    join lateral (select community_id from fan_daily d where d.fan_id = f.id limit 1) d on true
    join communities c on c.id = d.community_id`);
  await ingestBatch(
    db,
    fans.map((f, i) => ({
      kind: 'event' as const,
      sourceKey: `bench:late:${i}:${f.telegram_user_id}`,
      type: 'reaction' as const,
      community: Number(f.community),
      fan: Number(f.telegram_user_id),
      at: new Date(f.at),
    })),
  );
  return fans.length;
}

/**
 * What keeping the history's rollups costs a replay of `fanIds`: each rollup's share read
 * once (a replay reads it before and after), and the whole swap, read before and replaced
 * (net nothing, as the history is unchanged).
 */
async function benchShareSwap(
  db: DbHandle['db'],
  changing: ChangingFans,
  fans: number,
  report: Report,
): Promise<void> {
  const fanIds = changing.ids;
  // In a transaction tuned as the lifecycle job's are.
  await db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    for (const table of shareTables) {
      const [read] = await seconds(() => readShare(tx, table, changing));
      report('growth_share_read', {
        fans,
        fans_replayed: fanIds.length,
        rollup: table,
        seconds: read,
      });
    }
    const [swap] = await seconds(async () =>
      replaceShares(tx, changing, await readShares(tx, changing)),
    );
    report('growth_share_swap', { fans, fans_replayed: fanIds.length, seconds: swap });
  });
}

/**
 * The lifecycle engine on a loaded history: the floor (one bare scan of the per-fan daily
 * rollup), the whole stage history rebuilt from the facts, previews of a threshold and a
 * window change, the replay after a publish, the live refresh after 10k current facts, and
 * the incremental work after 10k new facts of which 1k are late.
 */
export async function benchLifecycle(
  { db }: DbHandle,
  { fans, end }: { fans: number; end: Date },
  report: Report,
): Promise<void> {
  const floor = await medianOfThree(() =>
    db.execute(sql`select count(*), sum(engagements), max(last_at) from fan_daily`),
  );
  const [rollup] = await db.execute<{ n: number }>(sql`select count(*)::int as n from fan_daily`);
  report('lifecycle_scan_floor', { fans, fan_daily_rows: rollup!.n, seconds: floor });

  // The first run finds no history: every fan is replayed from its first fact.
  const [rebuild, built] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_history_rebuild', {
    fans,
    seconds: rebuild,
    fans_replayed: built.fans,
    stage_changes: built.changes,
    ratio_to_floor: +(rebuild / floor).toFixed(2),
  });

  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 14 });
  const [preview, result] = await seconds(() => previewDraft(db, { draftVersion: draft.version }));
  report('lifecycle_preview', { fans, seconds: preview, moving: result.moving });
  await updateDraft(db, draft.version, { ...draft.params, core_window_days: 28 });
  const [windowPreview, windowResult] = await seconds(() =>
    previewDraft(db, { draftVersion: draft.version, asOf: end }),
  );
  report('lifecycle_preview_window_change', {
    fans,
    seconds: windowPreview,
    moving: windowResult.moving,
  });
  await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 14 });
  await publishDraft(db, { version: draft.version, note: 'bench', actorUserId: null });
  // Dated a day before the history's end, so the publish falls inside it, and the first
  // version (published when the history was loaded) before that.
  const publishedAt = new Date(end.getTime() - DAY_MS).toISOString();
  await db.execute(sql`
    update rule_sets set published_at = case when version = ${draft.version}
      then ${publishedAt}::timestamptz else ${publishedAt}::timestamptz - interval '1 day' end
    where published_at is not null`);
  const [publish, published] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_publish_replay', {
    fans,
    seconds: publish,
    fans_replayed: published.fans,
    stage_changes: published.changes,
    ratio_to_floor: +(publish / floor).toFixed(2),
  });

  // Live: about 10k current facts from the demo source, then the job.
  const live = await demoEvents(db, end.getTime(), 10_000);
  const queued = await db.execute<{ fan_id: string; since: string }>(
    sql`select fan_id::text, earliest_at::text as since from lifecycle_dirty_fans order by fan_id`,
  );
  const [liveSeconds, liveResult] = await seconds(() =>
    refreshLifecycle(db, { asOf: new Date(live.to) }),
  );
  report('lifecycle_live_refresh', {
    fans,
    new_events: live.added,
    fans_replayed: liveResult.fans,
    stage_changes: liveResult.changes,
    seconds: liveSeconds,
  });

  // Its part: keeping the growth rollups of the history, for the fans it replayed.
  await benchShareSwap(
    db,
    { ids: queued.map((q) => Number(q.fan_id)), since: queued.map((q) => q.since) },
    fans,
    report,
  );

  // About 9k current facts and 1k late ones (older than their fan's last change).
  const current = await demoEvents(db, live.to, 9_000);
  const late = await lateFacts(db, 1_000, fans);
  const [incremental, refreshed] = await seconds(() =>
    refreshLifecycle(db, { asOf: new Date(current.to) }),
  );
  report('lifecycle_incremental_with_late', {
    fans,
    new_events: current.added + late,
    late_events: late,
    fans_replayed: refreshed.fans,
    stage_changes: refreshed.changes,
    seconds: incremental,
  });

  // What the growth worker still refreshes: the rollups of the facts (cohorts, members).
  for (const { view, ms } of await refreshGrowthRollups(db))
    report('growth_rollup_refresh', { fans, view, seconds: ms / 1000 });
}
