import { bigint, date, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { lifecycleStage } from './lifecycle';

// The growth charts' rollups of the stage history, each kept like stage_day_deltas: a
// replay takes away its fans' share and adds the new one (lib/history/history-shares.ts),
// so a late fact updates only the rows it touches. Community 0 is every fan once.

// The funnel: fans per community and join day (community time zone; community 0: the
// fan's first day anywhere, in UTC), and how many of them ever reached each step or a later one.
export const growthJoinDays = pgTable(
  'growth_join_days',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    joinedDay: date('joined_day', { mode: 'string' }).notNull(),
    joined: bigint('joined', { mode: 'number' }).notNull(),
    reachedActive: bigint('reached_active', { mode: 'number' }).notNull(),
    reachedCore: bigint('reached_core', { mode: 'number' }).notNull(),
    reachedHighValue: bigint('reached_high_value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.joinedDay] })],
);

// Per-stage retention and conversion as changes over Mondays (00:00 UTC): a Monday's fans
// in a stage, and how many of them were not churned / had reached a better stage 7, 30 and
// 90 days later, are the sums of the rows up to that Monday.
export const growthStageOutcomeDeltas = pgTable(
  'growth_stage_outcome_deltas',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    monday: date('monday', { mode: 'string' }).notNull(),
    stage: lifecycleStage('stage').notNull(),
    fans: bigint('fans', { mode: 'number' }).notNull(),
    kept7: bigint('kept_7', { mode: 'number' }).notNull(),
    kept30: bigint('kept_30', { mode: 'number' }).notNull(),
    kept90: bigint('kept_90', { mode: 'number' }).notNull(),
    better7: bigint('better_7', { mode: 'number' }).notNull(),
    better30: bigint('better_30', { mode: 'number' }).notNull(),
    better90: bigint('better_90', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.monday, t.stage] })],
);

// Fans per stage at the end of each calendar month (UTC) as changes: the sum of the rows
// up to a month.
export const growthStageMonthDeltas = pgTable(
  'growth_stage_month_deltas',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    stage: lifecycleStage('stage').notNull(),
    fans: bigint('fans', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month, t.stage] })],
);
