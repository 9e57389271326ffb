import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { refreshLifecycle } from '../lifecycle/refresh';
import { publishDraft, startDraft, updateDraft } from '../lifecycle/rule-set-writes';
import { SHANGHAI_GROUP, engage, fanId, ingest, member } from '../lifecycle/testing/facts';

// Histories worked out by hand, one kind of instant each (DESIGN §5). The job runs at a few
// moments in between, as it would live; each change must still carry its own instant.

async function historyOf(db: Database, telegramUserId: number) {
  const id = await fanId(db, telegramUserId);
  return db.execute<{ from: string | null; to: string; at: string; version: number }>(sql`
    select from_stage as from, to_stage as to,
      to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
      rule_set_version as version
    from fan_stage_history where fan_id = ${id} order by changed_at`);
}

const row = (from: string | null, to: string, at: string, version = 1) => ({
  from,
  to,
  at,
  version,
});

async function runJobAt(db: Database, ...moments: string[]) {
  for (const at of moments) await refreshLifecycle(db, { asOf: new Date(at) });
}

describe('hand-worked stage histories', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('activates at the third engagement, turns at risk 15 × 24 h after the last and churns 30 days later', async () => {
    await ingest(db, [
      member(1, 'join', '2026-01-05T09:00:00Z'),
      engage(1, '2026-01-05T10:00:00Z'),
      engage(1, '2026-01-05T10:01:00Z', { type: 'reaction' }),
      engage(1, '2026-01-05T10:03:00Z'),
    ]);
    await runJobAt(db, '2026-01-06T00:00:00Z', '2026-01-21T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(await historyOf(db, 1)).toEqual([
      row(null, 'new', '2026-01-05T09:00:00Z'),
      row('new', 'active', '2026-01-05T10:03:00Z'),
      row('active', 'at_risk', '2026-01-20T10:03:00Z'),
      row('at_risk', 'churned', '2026-02-19T10:03:00Z'),
    ]);
  });

  it('turns at risk at the end of the first window when not activated', async () => {
    await ingest(db, [
      member(2, 'join', '2026-01-05T09:00:00Z'),
      engage(2, '2026-01-06T12:00:00Z', { type: 'reaction' }),
    ]);
    await runJobAt(db, '2026-01-08T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(await historyOf(db, 2)).toEqual([
      row(null, 'new', '2026-01-05T09:00:00Z'),
      row('new', 'at_risk', '2026-01-12T09:00:00Z'),
      row('at_risk', 'churned', '2026-02-20T12:00:00Z'),
    ]);
  });

  it('leaves core when a day leaves the window at midnight in the community’s zone', async () => {
    // Three messages a day at 12:00 Shanghai time (04:00 UTC), 1 to 25 January.
    const facts = [];
    for (let d = 1; d <= 25; d++)
      for (const minute of [0, 1, 2])
        facts.push(
          engage(3, `2026-01-${String(d).padStart(2, '0')}T04:0${minute}:00Z`, {
            community: SHANGHAI_GROUP,
          }),
        );
    await ingest(db, facts);
    await runJobAt(db, '2026-01-22T00:00:00Z', '2026-02-05T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(await historyOf(db, 3)).toEqual([
      row(null, 'new', '2026-01-01T04:00:00Z'),
      row('new', 'active', '2026-01-01T04:02:00Z'),
      // The 21st active day's first message: 21 days > 20 and 61 messages > 50.
      row('active', 'core', '2026-01-21T04:00:00Z'),
      // 5 February 00:00 in Shanghai: 5 January leaves the 30-day window, 20 days are left.
      row('core', 'active', '2026-02-03T16:00:00Z'),
      row('active', 'at_risk', '2026-02-09T04:02:00Z'),
      row('at_risk', 'churned', '2026-03-11T04:02:00Z'),
    ]);
  });

  it('churns on leaving and comes back on rejoining', async () => {
    await ingest(db, [
      member(4, 'join', '2026-01-05T09:00:00Z'),
      engage(4, '2026-01-05T10:00:00Z'),
      engage(4, '2026-01-05T10:01:00Z'),
      engage(4, '2026-01-05T10:02:00Z'),
      member(4, 'leave', '2026-01-08T09:00:00Z'),
    ]);
    await runJobAt(db, '2026-01-09T00:00:00Z');
    // The rejoin arrives after the job has recorded the leave.
    await ingest(db, [member(4, 'join', '2026-01-10T09:00:00Z')]);
    await runJobAt(db, '2026-01-11T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(await historyOf(db, 4)).toEqual([
      row(null, 'new', '2026-01-05T09:00:00Z'),
      row('new', 'active', '2026-01-05T10:02:00Z'),
      row('active', 'churned', '2026-01-08T09:00:00Z'),
      row('churned', 'active', '2026-01-10T09:00:00Z'),
      row('active', 'at_risk', '2026-01-20T10:02:00Z'),
      row('at_risk', 'churned', '2026-02-19T10:02:00Z'),
    ]);
  });

  it('changes stage at the instant a rule set is published, under its rules', async () => {
    const facts = [
      member(5, 'join', '2026-01-05T09:00:00Z'),
      engage(5, '2026-01-05T10:00:00Z'),
      engage(5, '2026-01-05T10:01:00Z'),
      engage(5, '2026-01-05T10:02:00Z'),
    ];
    for (let d = 6; d <= 20; d++)
      facts.push(engage(5, `2026-01-${String(d).padStart(2, '0')}T10:00:00Z`));
    await ingest(db, facts);
    await runJobAt(db, '2026-01-14T00:00:00Z');
    const draft = await startDraft(db, { actorUserId: null });
    await updateDraft(db, draft.version, { ...draft.params, activation_min_engagements: 100 });
    await publishDraft(db, { version: draft.version, note: 'Stricter', actorUserId: null });
    // Dated back to 15 January 12:00, as if published then (and the first rules before it).
    await db.execute(sql`
      update rule_sets set published_at = case version when ${draft.version}
        then '2026-01-15T12:00:00Z'::timestamptz else '2025-12-01T00:00:00Z' end
      where published_at is not null`);
    await runJobAt(db, '2026-03-10T00:00:00Z');
    expect(await historyOf(db, 5)).toEqual([
      row(null, 'new', '2026-01-05T09:00:00Z'),
      row('new', 'active', '2026-01-05T10:02:00Z'),
      // Ten days since joining, 13 engagements in the window: not activated under v2.
      row('active', 'at_risk', '2026-01-15T12:00:00Z', draft.version),
      row('at_risk', 'churned', '2026-03-06T10:00:00Z', draft.version),
    ]);
    // Every fan is replayed from the publish on; what came before keeps the rules of its time.
    expect(await historyOf(db, 1)).toEqual([
      row(null, 'new', '2026-01-05T09:00:00Z'),
      row('new', 'active', '2026-01-05T10:03:00Z'),
      row('active', 'at_risk', '2026-01-15T12:00:00Z', draft.version),
      row('at_risk', 'churned', '2026-02-19T10:03:00Z', draft.version),
    ]);
  });

  it('replays a fan whose older facts arrive late, from the earliest of them', async () => {
    await ingest(db, [engage(6, '2026-02-10T10:00:00Z')]);
    await runJobAt(db, '2026-02-11T00:00:00Z');
    expect(await historyOf(db, 6)).toEqual([row(null, 'new', '2026-02-10T10:00:00Z', 2)]);
    // An export brings the fan's earlier life.
    await ingest(db, [
      member(6, 'join', '2026-02-01T08:00:00Z'),
      engage(6, '2026-02-01T09:00:00Z'),
      engage(6, '2026-02-01T09:05:00Z'),
    ]);
    await runJobAt(db, '2026-02-12T00:00:00Z');
    // Under v2 (published 15 January) activation takes 100 engagements: not activated.
    expect(await historyOf(db, 6)).toEqual([
      row(null, 'new', '2026-02-01T08:00:00Z', 2),
      row('new', 'at_risk', '2026-02-08T08:00:00Z', 2),
    ]);
  });
});
