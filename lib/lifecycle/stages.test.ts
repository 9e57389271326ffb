import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import type { FactInput } from '../ingest';
import { defaultRuleParams } from './rule-params';
import { stagesAsOf, type FanStage } from './stages';
import {
  days,
  engage,
  fanId,
  hours,
  ingest,
  member,
  OTHER_GROUP,
  purchase,
  SHANGHAI_GROUP,
} from './testing/facts';

// Hand-worked cases at every boundary of DESIGN §5 under the default rules: 7-day new
// window, 3 engagements to activate, core = more than 20 active days and more than 50
// messages in 30 calendar days, at risk after 15 × 24 h silent, churned after 45.
describe('lifecycle_stages()', () => {
  let db: Database;
  const stageOf = async (telegramUserId: number, asOf: string | Date): Promise<FanStage> => {
    const [row] = await stagesAsOf(db, new Date(asOf), defaultRuleParams, [
      await fanId(db, telegramUserId),
    ]);
    return row!;
  };

  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('puts a fan at risk at exactly 15 × 24 h of silence and churns it at exactly 45', async () => {
    const last = '2026-01-03T10:00:00Z';
    await ingest(db, [
      member(1, 'join', '2026-01-01T00:00:00Z'),
      engage(1, '2026-01-01T01:00:00Z'),
      engage(1, '2026-01-01T02:00:00Z'),
      engage(1, last, { type: 'reaction' }),
    ]);
    const justBefore = await stageOf(1, hours(last, 15 * 24 - 1 / 3600));
    expect([justBefore.stage, justBefore.rule]).toEqual(['active', 'activated']);
    const atRisk = await stageOf(1, days(last, 15));
    expect([atRisk.stage, atRisk.rule, atRisk.silence_days]).toEqual([
      'at_risk',
      'at_risk_silence',
      15,
    ]);
    expect((await stageOf(1, hours(last, 45 * 24 - 1 / 3600))).stage).toBe('at_risk');
    const churned = await stageOf(1, days(last, 45));
    expect([churned.stage, churned.rule]).toEqual(['churned', 'churn_silence']);
  });

  // Active days from 10 March, one message each plus the rest spread over the first days.
  const coreFan = (fan: number, activeDays: number, messages: number): FactInput[] =>
    Array.from({ length: activeDays }, (_, d) => {
      const extra = Math.floor((messages - activeDays) / activeDays);
      const count = 1 + extra + (d < (messages - activeDays) % activeDays ? 1 : 0);
      return Array.from({ length: count }, (_, m) =>
        engage(fan, hours(`2026-03-${String(10 + d).padStart(2, '0')}T10:00:00Z`, m / 60)),
      );
    }).flat();

  it('needs more than 20 active days and more than 50 messages in the window for core', async () => {
    await ingest(db, [...coreFan(2, 21, 51), ...coreFan(3, 20, 51), ...coreFan(4, 21, 50)]);
    const asOf = '2026-03-31T12:00:00Z';
    const core = await stageOf(2, asOf);
    expect([core.stage, core.active_days, core.window_messages]).toEqual(['core', 21, 51]);
    const twentyDays = await stageOf(3, asOf);
    expect([twentyDays.stage, twentyDays.active_days, twentyDays.window_messages]).toEqual([
      'active',
      20,
      51,
    ]);
    const fiftyMessages = await stageOf(4, asOf);
    expect([fiftyMessages.stage, fiftyMessages.window_messages]).toEqual(['active', 50]);
  });

  it('counts the first window up to but not including joined + 7 × 24 h', async () => {
    const joined = '2026-02-01T08:00:00Z';
    const asOf = '2026-03-20T00:00:00Z';
    const recent = hours(asOf, -24);
    await ingest(db, [
      member(5, 'join', joined),
      engage(5, hours(joined, 1)),
      engage(5, hours(joined, 2)),
      engage(5, hours(joined, 7 * 24 - 1 / 3600)),
      engage(5, recent),
      member(6, 'join', joined),
      engage(6, hours(joined, 1)),
      engage(6, hours(joined, 2)),
      engage(6, days(joined, 7)),
      engage(6, recent),
      // Two engagements on the day the window ends, one on each side of its end.
      member(7, 'join', joined),
      engage(7, hours(joined, 1)),
      engage(7, hours(joined, 7 * 24 - 1)),
      engage(7, hours(joined, 7 * 24 + 1)),
      engage(7, recent),
    ]);
    const inside = await stageOf(5, asOf);
    expect([inside.stage, inside.first_window_engagements, inside.window_engagements]).toEqual([
      'active',
      3,
      1,
    ]);
    const atEnd = await stageOf(6, asOf);
    expect([atEnd.stage, atEnd.rule, atEnd.first_window_engagements]).toEqual([
      'at_risk',
      'not_activated',
      2,
    ]);
    const straddling = await stageOf(7, asOf);
    expect([straddling.stage, straddling.first_window_engagements]).toEqual(['at_risk', 2]);
    // Within its first week a fan short of 3 engagements is new, not at risk.
    const early = await stageOf(6, hours(joined, 7 * 24 - 1 / 3600));
    expect([early.stage, early.first_window_engagements]).toEqual(['new', 2]);
  });

  it('churns a fan that left while it is gone and not after it rejoins', async () => {
    await ingest(db, [
      member(8, 'join', '2026-01-01T00:00:00Z'),
      engage(8, '2026-01-01T01:00:00Z'),
      engage(8, '2026-01-01T02:00:00Z'),
      engage(8, '2026-01-01T03:00:00Z'),
      member(8, 'leave', '2026-01-10T00:00:00Z'),
      member(8, 'join', '2026-01-20T00:00:00Z'),
      engage(8, '2026-01-25T00:00:00Z'),
    ]);
    const gone = await stageOf(8, '2026-01-15T00:00:00Z');
    expect([gone.stage, gone.rule, gone.left_all]).toEqual(['churned', 'left_all', true]);
    const back = await stageOf(8, '2026-01-26T00:00:00Z');
    expect([back.stage, back.left_all]).toEqual(['active', false]);
  });

  it('churns only fans that left every community they are in', async () => {
    const three = (fan: number, community?: number) =>
      [1, 2, 3].map((h) => engage(fan, hours('2026-01-01T00:00:00Z', h), { community }));
    await ingest(db, [
      member(9, 'join', '2026-01-01T00:00:00Z'),
      member(9, 'join', '2026-01-01T00:00:00Z', OTHER_GROUP),
      ...three(9),
      member(9, 'leave', '2026-01-05T00:00:00Z'),
      member(10, 'join', '2026-01-01T00:00:00Z'),
      member(10, 'join', '2026-01-01T00:00:00Z', OTHER_GROUP),
      ...three(10),
      member(10, 'leave', '2026-01-05T00:00:00Z'),
      member(10, 'leave', '2026-01-06T00:00:00Z', OTHER_GROUP),
      // Left the group it joined, but writes in another without any membership record.
      member(11, 'join', '2026-01-01T00:00:00Z'),
      member(11, 'leave', '2026-01-05T00:00:00Z'),
      ...three(11, OTHER_GROUP),
    ]);
    const asOf = '2026-01-08T00:00:00Z';
    expect((await stageOf(9, asOf)).stage).toBe('active');
    expect((await stageOf(10, asOf)).rule).toBe('left_all');
    expect((await stageOf(11, asOf)).stage).toBe('active');
  });

  it('counts reactions as engagements but never as messages', async () => {
    await ingest(
      db,
      Array.from({ length: 25 }, (_, d) =>
        engage(12, days('2026-03-05T09:00:00Z', d), { type: 'reaction' }),
      ),
    );
    const fan = await stageOf(12, '2026-03-30T12:00:00Z');
    expect([fan.stage, fan.active_days, fan.window_engagements, fan.window_messages]).toEqual([
      'active',
      25,
      25,
      0,
    ]);
  });

  it('ranks silence above spend: a paying fan that goes quiet is at risk', async () => {
    await ingest(db, [
      member(13, 'join', '2026-01-01T00:00:00Z'),
      ...[1, 2, 3].map((h) => engage(13, hours('2026-01-01T00:00:00Z', h))),
      purchase(13, '2026-01-02T00:00:00Z', 99),
    ]);
    const paying = await stageOf(13, '2026-01-10T00:00:00Z');
    expect([paying.stage, paying.spend]).toEqual(['high_value', 99]);
    const silent = await stageOf(13, '2026-01-20T00:00:00Z');
    expect([silent.stage, silent.rule, silent.spend]).toEqual(['at_risk', 'at_risk_silence', 99]);
  });

  it('takes a fan with no join record as joined at its first fact', async () => {
    await ingest(db, [
      engage(14, '2026-02-01T10:00:00Z'),
      engage(14, '2026-02-01T11:00:00Z', { type: 'poll_vote' }),
    ]);
    const fresh = await stageOf(14, '2026-02-03T10:00:00Z');
    expect([fresh.stage, fresh.joined_at.toISOString(), fresh.days_since_joined]).toEqual([
      'new',
      '2026-02-01T10:00:00.000Z',
      2,
    ]);
    expect((await stageOf(14, '2026-02-09T00:00:00Z')).rule).toBe('not_activated');
  });

  it("counts the core window in calendar days of the community's time zone", async () => {
    // T is 31 March 12:00 in Shanghai; the 30-day window starts 2 March 00:00 there.
    const asOf = '2026-03-31T04:00:00Z';
    const lateDays = (fan: number) =>
      [0, 1].map((h) =>
        engage(fan, hours('2026-03-30T02:00:00Z', h), { community: SHANGHAI_GROUP }),
      );
    await ingest(db, [
      engage(15, '2026-03-01T16:00:00Z', { community: SHANGHAI_GROUP }),
      ...lateDays(15),
      engage(16, '2026-03-01T15:59:59Z', { community: SHANGHAI_GROUP }),
      ...lateDays(16),
    ]);
    const inside = await stageOf(15, asOf);
    expect([inside.stage, inside.window_engagements, inside.active_days]).toEqual(['active', 3, 2]);
    const outside = await stageOf(16, asOf);
    expect([outside.stage, outside.window_engagements, outside.active_days]).toEqual([
      'at_risk',
      2,
      1,
    ]);
  });

  it('counts only facts up to T, even within a day', async () => {
    await ingest(
      db,
      ['08:00', '09:00', '10:00', '20:00'].map((t) => engage(18, `2026-04-01T${t}:00Z`)),
    );
    const fan = await stageOf(18, '2026-04-01T12:00:00Z');
    expect([
      fan.last_engaged_at?.toISOString(),
      fan.window_engagements,
      fan.window_messages,
      fan.first_window_engagements,
    ]).toEqual(['2026-04-01T10:00:00.000Z', 3, 3, 3]);
    expect(
      await stagesAsOf(db, new Date('2026-04-01T07:59:59Z'), defaultRuleParams, [
        await fanId(db, 18),
      ]),
    ).toEqual([]);
  });
});
