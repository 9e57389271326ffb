import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { generateHistory } from '../demo/generate-history';
import { ingestBatch } from '../ingest';
import { storedFeatureColumns } from './feature-store';
import { historyRows } from '../history/testing/history-rows';
import { refreshLifecycle } from './refresh';
import { publishDraft, startDraft, updateDraft } from './rule-set-writes';
import { getPublishedRuleSet } from './rule-sets';
import { stagesAsOf, tuneForLifecycle } from './stages';
import { days, engage, hours, ingest, member } from './testing/facts';

async function storedStages(db: Database): Promise<Map<number, string>> {
  const rows = await db.execute<{ fan_id: number; stage: string }>(
    sql`select fan_id, stage from fan_lifecycle`,
  );
  return new Map(rows.map((r) => [Number(r.fan_id), r.stage]));
}

async function computedStages(db: Database, asOf: Date): Promise<Map<number, string>> {
  const { params } = await getPublishedRuleSet(db);
  return new Map((await stagesAsOf(db, asOf, params)).map((r) => [r.fan_id, r.stage]));
}

/** Rows of fan_features that lifecycle_features() as of `asOf` does not give, and back. */
async function staleFeatures(db: Database, asOf: Date): Promise<number> {
  const { params } = await getPublishedRuleSet(db);
  const computed = sql`select ${storedFeatureColumns} from lifecycle_features(${asOf.toISOString()}::timestamptz, ${JSON.stringify(params)}::jsonb)`;
  const stored = sql`select ${storedFeatureColumns} from fan_features`;
  return db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (
      (${stored} except all ${computed}) union all (${computed} except all ${stored})) d`);
    return row!.n;
  });
}

describe('refreshLifecycle', () => {
  let db: Database;
  let lastDay: Date;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('refreshed day by day over a generated history, equals the as-of stages on every day', async () => {
    const history = generateHistory({
      fans: 400,
      seed: 3,
      days: 45,
      end: new Date('2026-05-01T00:00:00Z'),
    });
    const modes = new Set<string>();
    let checkedDays = 0;
    for (const day of history.days) {
      for (const batch of day.batches) await ingestBatch(db, batch);
      const result = await refreshLifecycle(db, { asOf: day.end });
      modes.add(result.mode);
      expect(await storedStages(db)).toEqual(await computedStages(db, day.end));
      expect(await staleFeatures(db, day.end)).toBe(0);
      checkedDays++;
      lastDay = day.end;
    }
    expect(checkedDays).toBe(45);
    // The first run is a full pass; the rest only look at changed and due fans.
    expect([...modes].sort()).toEqual(['full', 'incremental']);
    // Time alone moves fans on: ten quiet days later, with no new facts at all.
    const later = new Date(lastDay.getTime() + 10 * 86_400_000);
    const quiet = await refreshLifecycle(db, { asOf: later });
    expect(quiet.mode).toBe('incremental');
    expect(quiet.changes).toBeGreaterThan(0);
    expect(await storedStages(db)).toEqual(await computedStages(db, later));
    expect(await staleFeatures(db, later)).toBe(0);
    lastDay = later;
  });

  it('keeps one history row per change, ending at the current stage', async () => {
    const rows = await db.execute<{ ok: boolean }>(sql`
      select bool_and(h.to_stage = l.stage) as ok
      from fan_lifecycle l
      join lateral (select to_stage from fan_stage_history h where h.fan_id = l.fan_id
        order by changed_at desc, id desc limit 1) h on true`);
    expect(rows[0]!.ok).toBe(true);
    const [repeats] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        select from_stage, to_stage, lag(to_stage) over (partition by fan_id order by changed_at, id) as prev
        from fan_stage_history) h
      where h.from_stage is distinct from h.prev or h.from_stage = h.to_stage`);
    expect(repeats!.n).toBe(0);
  });

  it('gives the same history when run again for the same moment, incrementally or rebuilt', async () => {
    const before = await historyRows(db);
    const again = await refreshLifecycle(db, { asOf: lastDay });
    expect([again.changes, again.fans]).toEqual([0, 0]);
    const rebuilt = await refreshLifecycle(db, { asOf: lastDay, full: true });
    expect(rebuilt.mode).toBe('full');
    expect(await historyRows(db)).toEqual(before);
    expect(rebuilt.changes).toBe(before.length);
  });

  // A publish is an instant of its own: stages change then, under the new rules, and the
  // history before it stays as the old rules made it. The publish is dated back inside
  // the generated history, as if an operator had made it then.
  async function publishAt(params: Record<string, number>, note: string, at: Date) {
    const draft = await startDraft(db, { actorUserId: null });
    await updateDraft(db, draft.version, { ...draft.params, ...params });
    await publishDraft(db, { version: draft.version, note, actorUserId: null });
    await db.execute(
      sql`update rule_sets set published_at = ${at.toISOString()}::timestamptz where version = ${draft.version}`,
    );
    return draft.version;
  }

  it('replays every fan from a publish, citing the new version from that instant on', async () => {
    const before = await historyRows(db);
    const publishedAt = new Date(lastDay.getTime() - 3 * 86_400_000);
    const version = await publishAt({ at_risk_silence_days: 5 }, 'Quicker at-risk', publishedAt);
    const result = await refreshLifecycle(db, { asOf: lastDay });
    expect([result.mode, result.ruleSetVersion]).toEqual(['full', version]);
    expect(result.changes).toBeGreaterThan(0);
    const after = await historyRows(db);
    const earlier = (rows: typeof before) => rows.filter((r) => r.at < publishedAt.toISOString());
    expect(earlier(after)).toEqual(earlier(before));
    const [cited] = await db.execute<{ first: string; n: number }>(sql`
      select min(changed_at)::text as first, count(*)::int as n from fan_stage_history
      where rule_set_version = ${version}`);
    expect(cited!.n).toBe(result.changes);
    expect(new Date(cited!.first).getTime()).toBe(publishedAt.getTime());
    expect(await storedStages(db)).toEqual(await computedStages(db, lastDay));
  });

  it('recounts every fan’s features from the facts after a publish that changes a window', async () => {
    await publishAt(
      { core_window_days: 21, core_active_days_over: 14 },
      'Shorter core window',
      new Date(lastDay.getTime() - 86_400_000),
    );
    const result = await refreshLifecycle(db, { asOf: lastDay });
    expect([result.mode, result.featuresRecomputed]).toEqual(['full', 'all']);
    expect(await staleFeatures(db, lastDay)).toBe(0);
    expect(await storedStages(db)).toEqual(await computedStages(db, lastDay));
  });

  it('counts a fact dated after the refresh once its time has come', async () => {
    const { db: fresh } = await useTestDb();
    const t = new Date('2026-03-01T00:00:00Z');
    await ingest(fresh, [
      member(31, 'join', days(t.toISOString(), -20)),
      ...[1, 2, 3].map((h) => engage(31, hours(days(t.toISOString(), -20).toISOString(), h))),
    ]);
    await refreshLifecycle(fresh, { asOf: t });
    // A fact stamped ten minutes ahead of the refresh (another clock than ours).
    await ingest(fresh, [engage(31, hours(t.toISOString(), 1 / 6))]);
    await refreshLifecycle(fresh, { asOf: hours(t.toISOString(), 1 / 60) });
    expect(await staleFeatures(fresh, hours(t.toISOString(), 1 / 60))).toBe(0);
    const later = hours(t.toISOString(), 1);
    await refreshLifecycle(fresh, { asOf: later });
    expect(await staleFeatures(fresh, later)).toBe(0);
    expect(await storedStages(fresh)).toEqual(await computedStages(fresh, later));
    const [queued] = await fresh.execute<{ n: number }>(
      sql`select count(*)::int as n from lifecycle_dirty_fans`,
    );
    expect(queued!.n).toBe(0);
  });
});
