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
