import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { runDemoTick } from '../../lib/demo/live-tick';
import { previewDraft } from '../../lib/lifecycle/preview';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { publishDraft, startDraft, updateDraft } from '../../lib/lifecycle/rule-set-writes';
import { seconds, type Report } from './report';

async function medianOfThree(run: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await seconds(run))[0]);
  return runs.sort((a, b) => a - b)[1]!;
}

/**
 * The lifecycle engine on a loaded history: the floors (one bare pass over the per-fan
 * daily rollup, and one over the stored per-fan features), the first full pass, previews
 * of a threshold change and of a window change, the full recompute after publishing the
 * threshold change, all as of the history's end; then an incremental refresh after 10k
 * new events.
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

  const [initial, first] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_first_full', {
    fans,
    seconds: initial,
    changes: first.changes,
    features_recomputed: first.featuresRecomputed,
  });
  // The stored features, which a pass that keeps the windows reads instead of fan_daily.
  const featuresFloor = await medianOfThree(() =>
    db.execute(
      sql`select count(*), sum(window_engagements), max(last_engaged_at) from fan_features`,
    ),
  );
  report('lifecycle_features_scan', { fans, seconds: featuresFloor });

  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 14 });
  const [preview, result] = await seconds(() => previewDraft(db, { draftVersion: draft.version }));
  report('lifecycle_preview', { fans, seconds: preview, moving: result.moving });

  // A window change cannot use the stored features: both sides come from the facts.
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
  const [full, recomputed] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_full_recompute', {
    fans,
    seconds: full,
    changes: recomputed.changes,
    features_recomputed: recomputed.featuresRecomputed,
    ratio_to_floor: +(full / floor).toFixed(2),
    ratio_to_features_scan: +(full / featuresFloor).toFixed(2),
  });

  // About 10k new events: the demo source plays the world on past the end, through ingest.
  let to = end.getTime();
  let events = 0;
  while (events < 10_000) {
    to += 5 * 60_000;
    events += (await runDemoTick(db, new Date(to)))?.events ?? 0;
  }
  const [incremental, refreshed] = await seconds(() =>
    refreshLifecycle(db, { asOf: new Date(to) }),
  );
  report('lifecycle_incremental', {
    fans,
    new_events: events,
    features_recomputed: refreshed.featuresRecomputed,
    fans_refreshed: refreshed.fans,
    seconds: incremental,
  });
}
