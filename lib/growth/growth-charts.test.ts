import { differenceInCalendarWeeks, startOfISOWeek } from 'date-fns';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import type { Stage } from '../../db/schema';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, type FactInput } from '../ingest';
import { addDays, todayIn } from '../communities/dates';
import { getStageSummary, getLatestStageMoves } from '../overview/queries';
import { getArpu } from './arpu';
import { getCohortRetention } from './cohorts';
import { getFunnel } from './funnel';
import { getPostPerformance } from './posts';
import { readShares, replaceShares } from '../history/history-shares';
import { refreshGrowthRollups } from './rollups';
import { getStageOutcomes } from './stage-outcomes';

// A hand-built brand, every answer below worked out by hand from these facts (all UTC).
// Fans: A (1), B (2), C (3), D (4). Channel -1001, group -1002. Weeks start on Monday;
// 2026-09-07 is a Monday.
const CHANNEL = -1001;
const GROUP = -1002;
let seq = 0;
const ev = (fan: number, at: string, type: 'message' | 'reaction' = 'message'): FactInput => ({
  kind: 'event',
  sourceKey: `test:ev:${++seq}`,
  community: GROUP,
  fan,
  type,
  at,
});
const member = (
  fan: number,
  action: 'join' | 'leave',
  at: string,
  community: number,
): FactInput => ({
  kind: 'membership',
  sourceKey: `test:m:${++seq}`,
  community,
  fan,
  action,
  at,
  source: 'live',
});
const buy = (fan: number, at: string, amount: number, currency = 'CNY'): FactInput => ({
  kind: 'purchase',
  sourceKey: `test:p:${++seq}`,
  orderId: `o${seq}`,
  fan,
  amount,
  currency,
  at,
});
const post = (messageId: number, at: string, views: number): FactInput => ({
  kind: 'post',
  community: CHANNEL,
  messageId,
  at,
  views,
  forwards: 5,
  reactions: 7,
  replies: 2,
  observedAt: '2026-11-01T00:00:00Z',
});

// Stage moves as the lifecycle job would have written them, each at 12:00 UTC.
const moves: [fan: number, stage: Stage, day: string][] = [
  [1, 'new', '2026-09-07'],
  [1, 'active', '2026-09-08'],
  [1, 'at_risk', '2026-10-14'],
  [1, 'churned', '2026-11-13'],
  [2, 'new', '2026-09-09'],
  [2, 'at_risk', '2026-09-16'],
  [2, 'churned', '2026-10-31'],
  [3, 'new', '2026-09-16'],
  [3, 'active', '2026-09-17'],
  [3, 'core', '2026-09-30'],
  [3, 'high_value', '2026-10-02'],
  [4, 'new', '2026-09-08'],
  [4, 'at_risk', '2026-09-15'],
  [4, 'churned', '2026-09-25'],
];

describe('growth charts on a hand-built brand', () => {
  let db: Database;
  let channel: number;
  let group: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    // The base currency is the first purchase's (CNY); the USD purchase converts at its
    // day's rate.
    await db.execute(sql`insert into currency_rates (base, currency, day, rate)
      values ('CNY', 'USD', '2026-11-05', 7.1)`);
    await ingestBatch(db, [
      { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Channel' },
      {
        kind: 'community',
        telegramId: GROUP,
        type: 'supergroup',
        title: 'Group',
        linkedTelegramId: CHANNEL,
      },
      ...[1, 2, 3, 4].map((id): FactInput => ({
        kind: 'fan',
        telegramUserId: id,
        firstName: `Fan${id}`,
      })),
      member(1, 'join', '2026-09-07T09:00:00Z', GROUP),
      ev(1, '2026-09-07T10:00:00Z'),
      ev(1, '2026-09-15T10:00:00Z'),
      ev(1, '2026-09-29T10:00:00Z'),
      ev(2, '2026-09-09T10:00:00Z', 'reaction'),
      member(2, 'join', '2026-09-20T10:00:00Z', CHANNEL),
      ev(3, '2026-09-16T10:00:00Z'),
      ev(3, '2026-09-23T10:00:00Z'),
      member(4, 'join', '2026-09-08T10:00:00Z', CHANNEL),
      member(4, 'leave', '2026-09-25T10:00:00Z', CHANNEL),
      buy(1, '2026-09-20T10:00:00Z', 100),
      buy(3, '2026-10-02T10:00:00Z', 50),
      buy(3, '2026-10-20T10:00:00Z', 30),
      buy(3, '2026-11-05T10:00:00Z', 10, 'USD'),
      post(1, '2026-09-10T10:00:00Z', 100),
      post(2, '2026-09-22T10:00:00Z', 300),
    ]);
    // The lifecycle job's way: the fans' share of the rollups before their history, the
    // history and their arrivals, then their share after.
    const fanIds = (await db.execute<{ id: string }>(sql`select id::text from fans`)).map((r) =>
      Number(r.id),
    );
    const changing = { ids: fanIds, since: fanIds.map(() => '-infinity') };
    const before = await readShares(db, changing);
    for (const [fan, stage, day] of moves)
      await db.execute(sql`
        insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version, features)
        select f.id, (select to_stage from fan_stage_history h where h.fan_id = f.id order by changed_at desc limit 1),
          ${stage}, ${`${day}T12:00:00Z`}, 1, ${JSON.stringify({ rule: stage })}::jsonb
        from fans f where f.telegram_user_id = ${fan}`);
    await db.execute(sql`
      insert into fan_presence (fan_id, community_id, present_from)
      select fan_id, community_id, min(at) from (
        select fan_id, community_id, first_at as at from fan_daily
        union all
        select fan_id, community_id, occurred_at from memberships
      ) f group by fan_id, community_id`);
    await replaceShares(db, changing, before);
    // The job's last refresh: the history is complete up to here.
    await db.execute(sql`
      insert into lifecycle_state (id, rule_set_version, refreshed_at) values (1, 1, '2026-12-14T00:00:00Z')
      on conflict (id) do update set refreshed_at = excluded.refreshed_at`);
    const ids = await db.execute<{ id: number }>(
      sql`select id from communities order by telegram_id desc`,
    );
    channel = ids[0]!.id;
    group = ids[1]!.id;
    await refreshGrowthRollups(db);
  });

  it('counts weekly join cohorts and the share engaged in each week since', async () => {
    const weeksSince = (monday: string) =>
      differenceInCalendarWeeks(startOfISOWeek(new Date()), new Date(`${monday}T00:00:00`), {
        weekStartsOn: 1,
      }) + 1;
    const padded = (head: number[], monday: string) => [
      ...head,
      ...Array<number>(weeksSince(monday) - head.length).fill(0),
    ];
    const range = { from: '2026-09-09', to: '2026-09-20' }; // the week of 9 Sept counts whole
    // Group: A (joined 7 Sept) and B (reacted 9 Sept) in the first cohort; A engaged in
    // weeks 0, 1 and 3, B in week 0. C (16 Sept) in the second, engaged in weeks 0 and 1.
    expect(await getCohortRetention(db, { communityId: group, ...range })).toEqual([
      { week: '2026-09-07', fans: 2, engaged: padded([2, 1, 0, 1], '2026-09-07') },
      { week: '2026-09-14', fans: 1, engaged: padded([1, 1], '2026-09-14') },
    ]);
    // All communities: D (joined the channel 8 Sept, never engaged) joins the first cohort;
    // B counts once, from its first fact anywhere.
    expect(await getCohortRetention(db, { communityId: 0, ...range })).toEqual([
      { week: '2026-09-07', fans: 3, engaged: padded([2, 1, 0, 1], '2026-09-07') },
      { week: '2026-09-14', fans: 1, engaged: padded([1, 1], '2026-09-14') },
    ]);
    // Channel: D (8 Sept) and B (20 Sept), no engagement there.
    const inChannel = await getCohortRetention(db, { communityId: channel, ...range });
    expect(inChannel.map((c) => [c.week, c.fans, Math.max(...c.engaged)])).toEqual([
      ['2026-09-07', 1, 0],
      ['2026-09-14', 1, 0],
    ]);
  });

  it('counts the funnel of a join period: each step or a later one ever reached', async () => {
    const sept = { from: '2026-09-07', to: '2026-09-20' };
    // A reached active; C active, core and high value; B and D never got past new.
    expect(await getFunnel(db, { communityId: group, ...sept })).toEqual({
      joined: 3,
      active: 2,
      core: 1,
      highValue: 1,
    });
    expect(await getFunnel(db, { communityId: 0, ...sept })).toEqual({
      joined: 4,
      active: 2,
      core: 1,
      highValue: 1,
    });
    expect(await getFunnel(db, { communityId: 0, from: '2026-09-08', to: '2026-09-09' })).toEqual({
      joined: 2,
      active: 0,
      core: 0,
      highValue: 0,
    });
    expect(await getFunnel(db, { communityId: 0, from: '2025-01-01', to: '2025-01-31' })).toEqual({
      joined: 0,
      active: 0,
      core: 0,
      highValue: 0,
    });
  });

  it('counts per-stage retention and conversion on the Mondays of the range', async () => {
    const outcomes = await getStageOutcomes(db, {
      communityId: 0,
      from: '2026-09-14',
      to: '2026-09-21',
    });
    const of = (stage: Stage) => outcomes.find((o) => o.stage === stage)!;
    // 14 Sept: A active, B and D new. 21 Sept: A and C active, B and D at risk.
    // +7: all kept but D (churned 25 Sept). +30 from 14 Sept: D churned; from 21 Sept, C
    // had reached core. +90 only from 14 Sept (21 Sept + 90 is after the last refresh):
    // A, B and D had all churned by 13 Dec.
    expect(of('new')).toEqual({
      stage: 'new',
      samples: 2,
      horizons: {
        7: { fans: 2, kept: 2, better: 0 },
        30: { fans: 2, kept: 1, better: 0 },
        90: { fans: 2, kept: 0, better: 0 },
      },
    });
    expect(of('active')).toEqual({
      stage: 'active',
      samples: 3,
      horizons: {
        7: { fans: 3, kept: 3, better: 0 },
        30: { fans: 3, kept: 3, better: 1 },
        90: { fans: 1, kept: 0, better: 0 },
      },
    });
    expect(of('at_risk')).toEqual({
      stage: 'at_risk',
      samples: 2,
      horizons: {
        7: { fans: 2, kept: 1, better: 0 },
        30: { fans: 2, kept: 1, better: 0 },
        90: { fans: 0, kept: 0, better: 0 },
      },
    });
    expect(of('core').samples + of('high_value').samples + of('churned').samples).toBe(0);
    // The group counts a fan from the day it joined there: on 14 Sept only A and B.
    const inGroup = await getStageOutcomes(db, {
      communityId: group,
      from: '2026-09-14',
      to: '2026-09-14',
    });
    expect(inGroup.filter((o) => o.samples > 0).map((o) => [o.stage, o.samples])).toEqual([
      ['new', 1],
      ['active', 1],
    ]);
  });

  it('splits each month’s revenue by the stage fans held at its end', async () => {
    const arpu = await getArpu(db, { communityId: 0, from: '2026-09-15', to: '2026-10-31' });
    expect(arpu.currencies).toEqual(['CNY']);
    // End of September: A active (bought 100), B at risk, C core, D churned. End of
    // October: A at risk, B and D churned, C high value (bought 50 + 30).
    expect(arpu.months).toEqual([
      { month: '2026-09', stage: 'active', fans: 1, payingFans: 1, revenue: { CNY: 100 } },
      { month: '2026-09', stage: 'core', fans: 1, payingFans: 0, revenue: {} },
      { month: '2026-09', stage: 'at_risk', fans: 1, payingFans: 0, revenue: {} },
      { month: '2026-09', stage: 'churned', fans: 1, payingFans: 0, revenue: {} },
      { month: '2026-10', stage: 'high_value', fans: 1, payingFans: 1, revenue: { CNY: 80 } },
      { month: '2026-10', stage: 'at_risk', fans: 1, payingFans: 0, revenue: {} },
      { month: '2026-10', stage: 'churned', fans: 2, payingFans: 0, revenue: {} },
    ]);
    const nov = await getArpu(db, { communityId: 0, from: '2026-11-01', to: '2026-11-30' });
    expect(nov.currencies).toEqual(['CNY']);
    expect(nov.months.find((m) => m.stage === 'high_value')?.revenue).toEqual({ CNY: 71 });
    // The channel's fans by the end of September: D (churned) and B (at risk).
    const inChannel = await getArpu(db, {
      communityId: channel,
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(inChannel.months.map((m) => [m.stage, m.fans])).toEqual([
      ['at_risk', 1],
      ['churned', 1],
    ]);
  });

  it('lists posts with their counters and views per known follower', async () => {
    const { posts, truncated } = await getPostPerformance(db, {
      communityId: channel,
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(truncated).toBe(false);
    // 10 Sept: D the only member (1). 22 Sept: D and B (2); D left on the 25th.
    expect(posts.map((p) => [p.messageId, p.views, p.followers, p.viewsPerFollower])).toEqual([
      [2, 300, 2, 150],
      [1, 100, 1, 100],
    ]);
    expect(posts[0]).toMatchObject({
      forwards: 5,
      reactions: 7,
      comments: 2,
      postedAt: '2026-09-22T10:00:00Z',
    });
    expect(
      (await getPostPerformance(db, { communityId: group, from: '2026-09-01', to: '2026-09-30' }))
        .posts,
    ).toEqual([]);
  });

  it('summarises stages now against 7 and 30 days ago, and lists the latest moves', async () => {
    // The group's stage counts as changes per day: one core fan a month ago; a week ago it
    // churned and two others arrived (one churned, one high value); today another churned.
    const today = todayIn('UTC');
    await db.execute(sql`delete from stage_day_deltas`);
    await db.execute(sql`
      insert into stage_day_deltas (community_id, day, stage, delta) values
        (${group}, ${addDays(today, -30)}, 'core', 1),
        (${group}, ${addDays(today, -7)}, 'core', -1),
        (${group}, ${addDays(today, -7)}, 'churned', 1),
        (${group}, ${addDays(today, -7)}, 'high_value', 1),
        (${group}, ${today}, 'churned', 1)`);
    const summary = await getStageSummary(db, { communityId: group });
    expect(summary.refreshedAt).toBe('2026-12-14T00:00:00.000Z');
    expect(summary.stages.map((s) => [s.stage, s.now, s.weekAgo, s.monthAgo])).toEqual([
      ['new', 0, 0, 0],
      ['active', 0, 0, 0],
      ['core', 0, 0, 1],
      ['high_value', 1, 1, 0],
      ['at_risk', 0, 0, 0],
      ['churned', 2, 1, 0],
    ]);
    // Never counted: null, not zero.
    const channelSummary = await getStageSummary(db, { communityId: channel });
    expect(channelSummary.stages.every((s) => s.weekAgo === null && s.monthAgo === null)).toBe(
      true,
    );

    const moves = (from: string, to: string, personal = true) =>
      getLatestStageMoves(db, { communityId: group, from, to, limit: 3, personal });
    const latest = await moves('2026-01-01', '2026-12-31');
    expect(latest.map((m) => [m.fanName, m.from, m.to, m.at])).toEqual([
      ['Fan1', 'at_risk', 'churned', '2026-11-13T12:00:00Z'],
      ['Fan2', 'at_risk', 'churned', '2026-10-31T12:00:00Z'],
      ['Fan1', 'active', 'at_risk', '2026-10-14T12:00:00Z'],
    ]);
    // Only the days of the range; without fan lookup, the fan's number only.
    const october = await moves('2026-10-03', '2026-10-31', false);
    expect(october.map((m) => [m.fanName, m.username, m.at])).toEqual([
      [`#${latest[1]!.fanId}`, null, '2026-10-31T12:00:00Z'],
      [`#${latest[2]!.fanId}`, null, '2026-10-14T12:00:00Z'],
    ]);
  });
});
