import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { runDemoTick } from '../../lib/demo/live-tick';
import { previewDraft } from '../../lib/lifecycle/preview';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { publishDraft, startDraft, updateDraft } from '../../lib/lifecycle/rule-sets';

type Report = (bench: string, fields: Record<string, number | string>) => void;

async function seconds<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [+((performance.now() - started) / 1000).toFixed(3), result];
}

/**
 * The lifecycle engine on a loaded history: the floor (one bare pass over the per-fan
 * daily rollup), a full recompute after a publish, an incremental refresh after 10k new
 * events, and the preview of a one-threshold change, all as of the history's end.
 */
export async function benchLifecycle(
  { db }: DbHandle,
  { fans, end }: { fans: number; end: Date },
  report: Report,
): Promise<void> {
  const floorRuns: number[] = [];
  for (let i = 0; i < 3; i++)
    floorRuns.push(
      (
        await seconds(() =>
          db.execute(sql`select count(*), sum(engagements), max(last_at) from fan_daily`),
        )
      )[0],
    );
  const floor = floorRuns.sort()[1]!;
  const [rollup] = await db.execute<{ n: number }>(sql`select count(*)::int as n from fan_daily`);
  report('lifecycle_scan_floor', { fans, fan_daily_rows: rollup!.n, seconds: floor });

  const [initial, first] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_first_full', { fans, seconds: initial, changes: first.changes });

  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 14 });
  const [preview, result] = await seconds(() => previewDraft(db, { draftVersion: draft.version }));
  report('lifecycle_preview', { fans, seconds: preview, moving: result.moving });

  await publishDraft(db, { version: draft.version, note: 'bench', actorUserId: null });
  const [full, recomputed] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  report('lifecycle_full_recompute', {
    fans,
    seconds: full,
    changes: recomputed.changes,
    ratio_to_floor: +(full / floor).toFixed(2),
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
    fans_refreshed: refreshed.fans,
    seconds: incremental,
  });
}
