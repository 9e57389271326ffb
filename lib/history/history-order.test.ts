import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb as freshTestDb } from '../../db/testing/test-db';

// A fresh database per way of arriving.
// The demo's shop sells in CNY and USD. The first purchase stored would set the base
// currency, and which one is first depends on the arrival order: set it, with a rate for
// every day, as an admin of a shop with two currencies would.
const freshDb = async () => {
  const { db } = await freshTestDb();
  await db.execute(sql`insert into revenue_settings (id, base_currency) values (1, 'CNY')`);
  await db.execute(sql`insert into currency_rates (base, currency, day, rate)
    select 'CNY', 'USD', d::date, 7.1 from generate_series('2025-01-01'::date, '2026-06-01', '1 day') d`);
  return db;
};
import { generateHistory } from '../demo/generate-history';
import type { Fact } from '../ingest';
import { ingestBatch } from '../ingest';
import { refreshLifecycle } from '../lifecycle/refresh';
import { getPublishedRuleSet } from '../lifecycle/rule-sets';
import { stagesAsOf } from '../lifecycle/stages';
import { setCommunityTimeZone } from '../communities/time-zone';
import { arpuOf, getArpu, type StageMonthRow } from '../growth/arpu';
import { stageOutcomeMondays } from '../growth/stage-outcomes';
import {
  oldJoinDays,
  oldStageMonths,
  oldStageOutcomes,
} from '../growth/testing/old-growth-rollups';
import { stageCountsOn } from './stage-counts';
import { historyRows } from './testing/history-rows';

// The same facts, however they arrive, give the same history; and that history is the SQL
// stage function (lifecycle_stages, the independent implementation) at every instant.

const end = new Date('2026-05-01T00:00:00Z');
const DAY = 86_400_000;

/**
 * The demo's facts, each key once: the demo reuses a key for a second reaction to the same
 * message, and ingest keeps whichever record of a key came first, so arrival order would
 * otherwise change the facts themselves, not only their order.
 */
function days({ fans = 250, seed = 11, length = 60 } = {}) {
  const seen = new Set<string>();
  return [...generateHistory({ fans, seed, days: length, end }).days].map((d) => ({
    end: d.end,
    facts: d.batches.flat().filter((f) => {
      if (!('sourceKey' in f)) return true;
      if (seen.has(f.sourceKey)) return false;
      seen.add(f.sourceKey);
      return true;
    }),
  }));
}

/** Communities and fans first in every order, as every source sends them before facts. */
function split(facts: Fact[]) {
  const setup = facts.filter((f) => f.kind === 'community' || f.kind === 'fan');
  const rest = facts.filter((f) => f.kind !== 'community' && f.kind !== 'fan');
  return { setup, rest };
}

async function ingestInBatches(db: Database, facts: Fact[], size = 700) {
  for (let i = 0; i < facts.length; i += size) await ingestBatch(db, facts.slice(i, i + size));
}

const everything = { from: '2025-01-01', to: '2026-12-31' };

/** The growth rollups of the history as the charts read them, per community and for all (0). */
async function growthRollups(db: Database) {
  const communities = [
    0,
    ...(await db.execute<{ id: string }>(sql`select id::text from communities order by id`)).map(
      (c) => Number(c.id),
    ),
  ];
  const joinDays = await db.execute(sql`
    select community_id::text, joined_day::text, joined::text, reached_active::text,
      reached_core::text, reached_high_value::text
    from growth_join_days where joined <> 0 order by 1, 2`);
  const outcomes = [];
  const arpu = [];
  for (const c of communities) {
    outcomes.push(
      ...(await db.execute(sql`
        select ${String(c)} as community_id, monday::text, stage::text, fans::text,
          kept_7::text, kept_30::text, kept_90::text, better_7::text, better_30::text,
          better_90::text
        from ${stageOutcomeMondays(c, everything.from, everything.to)} o
        where fans <> 0 order by monday, stage`)),
    );
    arpu.push({ community: c, arpu: await getArpu(db, { communityId: c, ...everything }) });
  }
  return { joinDays, outcomes, arpu };
}

/** The same, as the materialized views before them computed it (the oracle). */
async function oldGrowthRollups(db: Database) {
  const months = await oldStageMonths(db);
  const communities = [
    0,
    ...(await db.execute<{ id: string }>(sql`select id::text from communities order by id`)).map(
      (c) => Number(c.id),
    ),
  ];
  return {
    joinDays: await oldJoinDays(db),
    outcomes: await oldStageOutcomes(db),
    arpu: communities.map((c) => ({
      community: c,
      arpu: arpuOf(months.filter((m) => m.community_id === String(c)) as StageMonthRow[]),
    })),
  };
}

async function expectGrowthRollupsOfHistory(db: Database, name: string) {
  const [now, old] = [await growthRollups(db), await oldGrowthRollups(db)];
  expect(now.outcomes.length, name).toBeGreaterThan(20);
  expect(now.joinDays.length, name).toBeGreaterThan(20);
  expect({ name, ...now }).toEqual({ name, ...old });
}

describe('exact stage history', () => {
  const arrivals = new Map<string, Database>();
  let all: { setup: Fact[]; rest: Fact[] };

  beforeAll(async () => {
    const byDay = days();
    all = split(byDay.flatMap((d) => d.facts));

    // Live: day by day, the job running at each day's end.
    const live = await freshDb();
    for (const day of byDay) {
      await ingestInBatches(live, day.facts);
      await refreshLifecycle(live, { asOf: day.end });
    }
    arrivals.set('live', live);

    // A backfill paging backwards: newest facts first, the job running after each page.
    const backfill = await freshDb();
    await ingestBatch(backfill, all.setup);
    const newestFirst = [...all.rest].reverse();
    for (let i = 0; i < newestFirst.length; i += 2_000) {
      await ingestBatch(backfill, [
        ...all.setup.filter((f) => f.kind === 'community'),
        ...newestFirst.slice(i, i + 2_000),
      ]);
      await refreshLifecycle(backfill, { asOf: end });
    }
    arrivals.set('backfill', backfill);

    // Two exports (the first and second half of the life), imported in both orders.
    const half = all.rest.length >> 1;
    for (const [name, parts] of [
      ['older export first', [all.rest.slice(0, half), all.rest.slice(half)]],
      ['newer export first', [all.rest.slice(half), all.rest.slice(0, half)]],
    ] as const) {
      const db = await freshDb();
      await ingestBatch(db, all.setup);
      for (const part of parts) {
        await ingestInBatches(
          db,
          [...all.setup.filter((f) => f.kind === 'community'), ...part],
          5_000,
        );
        await refreshLifecycle(db, { asOf: end });
      }
      arrivals.set(name, db);
    }

    // Late facts: one in ten held back and delivered after the job has seen the rest.
    const late = await freshDb();
    await ingestBatch(late, all.setup);
    const onTime = all.rest.filter((_, i) => i % 10 !== 3);
    const held = all.rest.filter((_, i) => i % 10 === 3);
    await ingestInBatches(late, onTime, 5_000);
    await refreshLifecycle(late, { asOf: end });
    await ingestInBatches(late, held.reverse(), 5_000);
    await refreshLifecycle(late, { asOf: end });
    arrivals.set('late facts', late);

    for (const db of arrivals.values()) await refreshLifecycle(db, { asOf: end });
  }, 300_000);

  it('is the same however the facts arrived', async () => {
    const live = await historyRows(arrivals.get('live')!);
    expect(live.length).toBeGreaterThan(500);
    for (const [name, db] of arrivals) {
      if (name === 'live') continue;
      expect({ name, rows: await historyRows(db) }).toEqual({ name, rows: live });
    }
  });

  it('keeps each fan’s current stage and its start as the history’s last change, however the facts arrived', async () => {
    for (const [name, db] of arrivals) {
      const [row] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from fan_lifecycle l
        left join lateral (
          select h.to_stage, h.changed_at from fan_stage_history h where h.fan_id = l.fan_id
          order by h.changed_at desc, h.id desc limit 1) h on true
        where (l.stage, l.since) is distinct from (h.to_stage, h.changed_at)`);
      expect({ name, mismatched: row!.n }).toEqual({ name, mismatched: 0 });
    }
  });

  it('equals the SQL stage function at every change instant, just before it, and in between', async () => {
    const db = arrivals.get('late facts')!;
    const { params } = await getPublishedRuleSet(db);
    const rows = await db.execute<{
      fan_id: string;
      from: string | null;
      to: string;
      at: string;
    }>(sql`
      select fan_id::text, from_stage as from, to_stage as to,
        (extract(epoch from changed_at) * 1000)::float8::text as at
      from fan_stage_history order by changed_at, id`);
    // Every 7th change: the stage at the instant is its `to`, a millisecond before its `from`.
    for (const row of rows.filter((_, i) => i % 7 === 0)) {
      const at = Number(row.at);
      const fan = Number(row.fan_id);
      const [now] = await stagesAsOf(db, new Date(at), params, [fan]);
      const [before] = await stagesAsOf(db, new Date(at - 1), params, [fan]);
      expect({ fan, at: row.at, now: now?.stage, before: before?.stage ?? null }).toEqual({
        fan,
        at: row.at,
        now: row.to,
        before: row.from,
      });
    }
    // Every fan at instants in between: the history's last change up to T is its stage.
    for (let t = end.getTime() - 58 * DAY + 4_321_000; t <= end.getTime(); t += 4.3 * DAY) {
      const fromSql = new Map(
        (await stagesAsOf(db, new Date(t), params)).map((s) => [s.fan_id, s.stage]),
      );
      const fromHistory = await db.execute<{ fan_id: string; stage: string }>(sql`
        select distinct on (fan_id) fan_id::text, to_stage as stage from fan_stage_history
        where changed_at <= ${new Date(t).toISOString()}::timestamptz
        order by fan_id, changed_at desc, id desc`);
      expect(new Map(fromHistory.map((r) => [Number(r.fan_id), r.stage]))).toEqual(fromSql);
    }
  });

  it('counts fans per stage at a day’s end as the stage function then, per community', async () => {
    const db = arrivals.get('newer export first')!;
    const { params } = await getPublishedRuleSet(db);
    const communities = await db.execute<{ id: string; time_zone: string }>(
      sql`select id::text, time_zone from communities order by id`,
    );
    for (const day of ['2026-03-10', '2026-04-02', '2026-04-30']) {
      for (const c of [...communities, { id: '0', time_zone: 'UTC' }]) {
        const [bounds] = await db.execute<{ end_at: string }>(sql`
          select ((${day}::date + 1)::timestamp at time zone ${c.time_zone})::text as end_at`);
        const endOfDay = new Date(new Date(bounds!.end_at).getTime() - 1);
        const present = await db.execute<{ fan_id: string }>(sql`
          select fan_id::text from fan_daily
          where first_at <= ${endOfDay.toISOString()}::timestamptz and (${c.id}::bigint = 0 or community_id = ${c.id}::bigint)
          union
          select fan_id::text from memberships
          where occurred_at <= ${endOfDay.toISOString()}::timestamptz and (${c.id}::bigint = 0 or community_id = ${c.id}::bigint)
          union
          select id::text from fans where ${c.id}::bigint = 0 and first_seen_at <= ${endOfDay.toISOString()}::timestamptz`);
        const ids = present.map((r) => Number(r.fan_id));
        const expected: Record<string, number> = {};
        for (const s of await stagesAsOf(db, endOfDay, params, ids))
          expected[s.stage] = (expected[s.stage] ?? 0) + 1;
        const counted = await stageCountsOn(db, { communityId: Number(c.id), day });
        const nonZero = Object.fromEntries(
          Object.entries(counted).filter(([k, v]) => k !== 'day' && v !== 0),
        );
        expect({ community: c.id, day, counts: nonZero }).toEqual({
          community: c.id,
          day,
          counts: expected,
        });
      }
    }
  });

  it('keeps the growth rollups equal to the views over the history, however the facts arrived', async () => {
    for (const [name, db] of arrivals) await expectGrowthRollupsOfHistory(db, name);
  });

  it('recounts a community in its new time zone, then after its replay and a full rebuild', async () => {
    const db = arrivals.get('backfill')!;
    const [community] = await db.execute<{ id: string }>(
      sql`select id::text from communities order by id limit 1`,
    );
    await setCommunityTimeZone(db, {
      communityId: Number(community!.id),
      timeZone: 'Asia/Shanghai',
      actorUserId: null,
    });
    await expectGrowthRollupsOfHistory(db, 'zone changed');
    await refreshLifecycle(db, { asOf: end });
    await expectGrowthRollupsOfHistory(db, 'zone changed, replayed');
    await refreshLifecycle(db, { asOf: end, full: true });
    await expectGrowthRollupsOfHistory(db, 'full rebuild');
  }, 120_000);
});

describe('growth rollups of a history longer than their 90-day horizon', () => {
  it('stay equal to the views while weekly replays and late facts leave the old Mondays out', async () => {
    const byDay = days({ fans: 120, seed: 5, length: 230 });
    const { setup, rest } = split(byDay.flatMap((d) => d.facts));
    const held = new Set<Fact>(rest.filter((_, i) => i % 10 === 3));
    const db = await freshDb();
    await ingestBatch(db, setup);
    // Week by week, the job at each week's end; one fact in ten held back until the end.
    for (let i = 0; i < byDay.length; i += 7) {
      const week = byDay.slice(i, i + 7);
      await ingestInBatches(
        db,
        week.flatMap((d) => d.facts).filter((f) => f.kind !== 'fan' && !held.has(f)),
        5_000,
      );
      await refreshLifecycle(db, { asOf: week.at(-1)!.end });
    }
    await expectGrowthRollupsOfHistory(db, 'weekly');
    await ingestInBatches(
      db,
      [...setup.filter((f) => f.kind === 'community'), ...[...held].reverse()],
      5_000,
    );
    await refreshLifecycle(db, { asOf: end });
    await expectGrowthRollupsOfHistory(db, 'weekly, then late facts');
    await refreshLifecycle(db, { asOf: end, full: true });
    await expectGrowthRollupsOfHistory(db, 'full rebuild');
  }, 300_000);
});
