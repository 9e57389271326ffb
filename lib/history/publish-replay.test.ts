import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { seedDemo } from '../demo/seed-demo';
import { refreshLifecycle } from '../lifecycle/refresh';
import { publishDraft, startDraft, updateDraft } from '../lifecycle/rule-set-writes';
import { getPublishedRuleSet } from '../lifecycle/rule-sets';
import { stagesAsOf } from '../lifecycle/stages';

// A publish replays every fan from the publish instant, reading only the core window
// before it (and the first window): a fan silent since before that window keeps its
// last engagement, so its silence is measured from it, not from its first window.
it('after a publish now, every fan’s stage is the SQL stage under the new rules', async () => {
  const { db } = await useTestDb();
  const end = new Date(Math.floor(Date.now() / 1000) * 1000);
  await seedDemo(db, { fans: 400, seed: 1, end });
  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, {
    ...draft.params,
    at_risk_silence_days: 10,
    churn_extra_silence_days: 35,
  });
  await publishDraft(db, { version: draft.version, note: 'Sooner at risk', actorUserId: null });
  const asOf = new Date();
  const result = await refreshLifecycle(db, { asOf });
  expect(result.mode).toBe('full');
  const { params } = await getPublishedRuleSet(db);
  const expected = new Map((await stagesAsOf(db, asOf, params)).map((s) => [s.fan_id, s.stage]));
  const stored = await db.execute<{ fan_id: string; stage: string }>(
    sql`select fan_id::text, stage from fan_lifecycle`,
  );
  expect(new Map(stored.map((r) => [Number(r.fan_id), r.stage]))).toEqual(expected);
}, 120_000);

// A replay from a point after every first window reads each first window's engagements
// counted, one row per window: with two first-window lengths in force over time, each
// must still count its own.
it('after a publish dated back that shortens the first window, history and stages equal the SQL', async () => {
  const { db } = await useTestDb();
  const end = new Date(Math.floor(Date.now() / 1000) * 1000);
  await seedDemo(db, { fans: 400, seed: 2, end });
  const before = await getPublishedRuleSet(db);
  const draft = await startDraft(db, { actorUserId: null });
  await updateDraft(db, draft.version, {
    ...draft.params,
    new_window_days: 5,
    activation_min_engagements: 4,
  });
  await publishDraft(db, {
    version: draft.version,
    note: 'Shorter first window',
    actorUserId: null,
  });
  const publishedAt = new Date(end.getTime() - 20 * 86_400_000);
  // Both dated back, v1 first: the demo published v1 as it was seeded.
  await db.execute(sql`
    update rule_sets set published_at = case when version = ${draft.version}
      then ${publishedAt.toISOString()}::timestamptz
      else ${publishedAt.toISOString()}::timestamptz - interval '1 day' end
    where published_at is not null`);
  const asOf = new Date();
  expect((await refreshLifecycle(db, { asOf })).mode).toBe('full');
  const { params } = await getPublishedRuleSet(db);
  expect(params.new_window_days).not.toBe(before.params.new_window_days);

  const stageAt = async (t: Date) =>
    new Map(
      (
        await db.execute<{ fan_id: string; stage: string }>(sql`
          select distinct on (fan_id) fan_id::text, to_stage as stage from fan_stage_history
          where changed_at <= ${t.toISOString()}::timestamptz
          order by fan_id, changed_at desc, id desc`)
      ).map((r) => [Number(r.fan_id), r.stage]),
    );
  for (const daysBack of [15, 3, 0]) {
    const t = new Date(asOf.getTime() - daysBack * 86_400_000);
    const expected = new Map((await stagesAsOf(db, t, params)).map((s) => [s.fan_id, s.stage]));
    expect(await stageAt(t)).toEqual(expected);
  }
  const stored = await db.execute<{ fan_id: string; stage: string }>(
    sql`select fan_id::text, stage from fan_lifecycle`,
  );
  expect(new Map(stored.map((r) => [Number(r.fan_id), r.stage]))).toEqual(
    new Map((await stagesAsOf(db, asOf, params)).map((s) => [s.fan_id, s.stage])),
  );
}, 120_000);
