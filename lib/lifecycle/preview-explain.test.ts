import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { eraseConfirmation, eraseFan } from '../fans/erase-fan';
import { explainFan } from './explain';
import { previewDraft } from './preview';
import { refreshLifecycle } from './refresh';
import { startDraft, updateDraft } from './rule-set-writes';
import { days, engage, fanId, hours, ingest, member } from './testing/facts';

const asOf = new Date('2026-03-01T00:00:00Z');
const activeFan = (fan: number, lastEngaged: Date) => [
  member(fan, 'join', '2026-01-10T00:00:00Z'),
  ...[1, 2, 3].map((h) => engage(fan, hours('2026-01-10T00:00:00Z', h))),
  engage(fan, lastEngaged),
];

describe('preview and explain', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingest(db, [
      ...activeFan(21, days(asOf.toISOString(), -12)),
      ...activeFan(22, days(asOf.toISOString(), -2)),
      ...activeFan(23, days(asOf.toISOString(), -16.5)),
    ]);
    await db.execute(sql`update fans set username = 'quiet_one' where telegram_user_id = 21`);
  });

  it('shows which fans a lower at-risk threshold would move, and writes nothing', async () => {
    const draft = await startDraft(db, { actorUserId: null });
    await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 10 });
    const history = await db.execute(sql`select count(*) from fan_stage_history`);
    const preview = await previewDraft(db, { draftVersion: draft.version, asOf, samples: 3 });
    expect(preview.cells.map((c) => [c.from, c.to, c.fans])).toEqual([
      ['active', 'active', 1],
      ['active', 'at_risk', 1],
      ['at_risk', 'at_risk', 1],
    ]);
    expect(preview.cells[1]!.samples).toEqual([
      { fanId: await fanId(db, 21), telegramUserId: 21, username: 'quiet_one', name: null },
    ]);
    expect([preview.moving, preview.total, preview.publishedVersion]).toEqual([1, 3, 1]);
    expect(await db.execute(sql`select count(*) from fan_stage_history`)).toEqual(history);
    const [lifecycle] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from fan_lifecycle`,
    );
    expect(lifecycle!.n).toBe(0);

    // Once the job has run, the published side is its stored stages as of that run.
    await refreshLifecycle(db, { asOf });
    const fromStored = await previewDraft(db, { draftVersion: draft.version, samples: 3 });
    expect([fromStored.asOf, fromStored.cells]).toEqual([asOf, preview.cells]);
  });

  it('explains a stage with the rule and the numbers that decided it', async () => {
    const atRisk = await explainFan(db, await fanId(db, 23), { asOf });
    expect(atRisk?.text).toBe('at_risk: 16 days silent ≥ 15');
    expect(atRisk?.conditions).toEqual([
      {
        feature: 'silence_days',
        value: 16,
        op: '≥',
        threshold: 15,
        params: ['at_risk_silence_days'],
      },
    ]);
    const active = await explainFan(db, await fanId(db, 22), { asOf });
    expect(active?.text).toBe('active: 3 engagements in the first window ≥ 3');
    expect(await explainFan(db, await fanId(db, 22), { asOf: new Date('2026-01-01') })).toBeNull();
  });

  it('shows an erased fan among the samples without its Telegram id or names', async () => {
    const id = await fanId(db, 21);
    await eraseFan(db, id, { actorUserId: null, confirm: eraseConfirmation(id) });
    const draft = await startDraft(db, { actorUserId: null });
    await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 10 });
    const preview = await previewDraft(db, { draftVersion: draft.version, asOf, samples: 3 });
    const moving = preview.cells.find((c) => c.from === 'active' && c.to === 'at_risk');
    expect(moving?.samples).toEqual([
      { fanId: id, telegramUserId: null, username: null, name: null },
    ]);
  });
});
