import { idColumn } from './columns';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { stages } from '../../lib/lifecycle/stage-names';

export { stages, type Stage } from '../../lib/lifecycle/stage-names';
export const lifecycleStage = pgEnum('lifecycle_stage', stages);

export const ruleSetStatus = pgEnum('rule_set_status', ['draft', 'published', 'archived']);

export const ruleSets = pgTable(
  'rule_sets',
  {
    id: idColumn(),
    version: integer('version').notNull().unique(),
    status: ruleSetStatus('status').notNull(),
    params: jsonb('params').$type<Record<string, number>>().notNull(),
    note: text('note'),
    // The published version a draft started from; publishing it after another publish
    // would silently undo that one, so it is refused.
    basedOnVersion: integer('based_on_version'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: bigint('published_by', { mode: 'number' }).references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    // Exactly one published rule set at a time.
    uniqueIndex('rule_sets_one_published_idx')
      .on(t.status)
      .where(sql`${t.status} = 'published'`),
  ],
);

// fan_stage_history, fan_lifecycle and lifecycle_dirty_fans hold fan ids without a foreign
// key: only the lifecycle job and ingest write them, from fans rows read in the same
// statement, and fans are anonymised, never deleted. A key check costs about 20 µs a row,
// which on the first pass over a million fans is most of its time.
export const fanStageHistory = pgTable(
  'fan_stage_history',
  {
    id: idColumn(),
    fanId: bigint('fan_id', { mode: 'number' }).notNull(),
    fromStage: lifecycleStage('from_stage'),
    toStage: lifecycleStage('to_stage').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    // The feature values that decided the move, for "why" in the fan view.
    features: jsonb('features').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('fan_stage_history_fan_time_idx').on(t.fanId, t.changedAt),
    // With the id, the newest moves come in order even when one refresh stamped thousands.
    index('fan_stage_history_time_id_idx').on(t.changedAt, t.id),
  ],
);

// Every fan's stage as the lifecycle job last decided it, under the rule version in
// lifecycle_state; `since` is when it entered the stage and `updated_at` when the row last
// changed (stage or rule).
export const fanLifecycle = pgTable(
  'fan_lifecycle',
  {
    fanId: bigint('fan_id', { mode: 'number' }).primaryKey(),
    stage: lifecycleStage('stage').notNull(),
    rule: text('rule').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fan_lifecycle_stage_idx').on(t.stage)],
);

// Fans with new facts since the lifecycle job last looked; ingest adds to it in the same
// transaction as the facts, the job empties it in the same transaction as its writes.
// `earliest_at` is the oldest new fact: the fan's history is replayed from there on. A fan
// stays queued while its newest fact is later than the job's moment (a clock ahead of
// ours), so that fact is counted once its time has come.
export const lifecycleDirtyFans = pgTable('lifecycle_dirty_fans', {
  fanId: bigint('fan_id', { mode: 'number' }).primaryKey(),
  earliestAt: timestamp('earliest_at', { withTimezone: true })
    .notNull()
    .default(sql`'-infinity'`),
  latestAt: timestamp('latest_at', { withTimezone: true })
    .notNull()
    .default(sql`'-infinity'`),
});

// Every fan's features (lifecycle_features) as of the last refresh, under the published
// windows. Thresholds are applied to them on each pass, so a publish that moves only
// thresholds re-decides every fan without reading the facts again. A row is exact until the
// fan has a new fact (the dirty queue) or `valid_until`, when a day or a purchase leaves
// its window.
export const fanFeatures = pgTable(
  'fan_features',
  {
    fanId: bigint('fan_id', { mode: 'number' }).primaryKey(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    lastEngagedAt: timestamp('last_engaged_at', { withTimezone: true }),
    firstWindowEngagements: bigint('first_window_engagements', { mode: 'number' }).notNull(),
    windowEngagements: bigint('window_engagements', { mode: 'number' }).notNull(),
    windowMessages: bigint('window_messages', { mode: 'number' }).notNull(),
    activeDays: bigint('active_days', { mode: 'number' }).notNull(),
    spend: numeric('spend').notNull(),
    leftAll: boolean('left_all').notNull(),
    windowDropAt: timestamp('window_drop_at', { withTimezone: true }),
    spendDropAt: timestamp('spend_drop_at', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }).generatedAlwaysAs(
      sql`least(window_drop_at, spend_drop_at)`,
    ),
    // Silence counts from here; with joined_at, the job finds the fans whose silence or
    // new window crossed a threshold since its last run by index range.
    silenceFrom: timestamp('silence_from', { withTimezone: true }).generatedAlwaysAs(
      sql`coalesce(last_engaged_at, joined_at)`,
    ),
  },
  (t) => [
    index('fan_features_valid_until_idx').on(t.validUntil),
    // With the fan id: the segment browser pages by (column, fan_id) keyset on these.
    index('fan_features_silence_from_fan_idx').on(t.silenceFrom, t.fanId),
    index('fan_features_joined_at_fan_idx').on(t.joinedAt, t.fanId),
    index('fan_features_spend_fan_idx').on(t.spend, t.fanId),
  ],
);

// What fan_lifecycle and fan_features reflect (one row): the rule version and the time of
// the last refresh, and the window lengths and time the stored features were computed for.
export const lifecycleState = pgTable('lifecycle_state', {
  id: integer('id').primaryKey().default(1),
  ruleSetVersion: integer('rule_set_version'),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
  featureWindows: jsonb('feature_windows').$type<Record<string, number>>(),
  featuresAsOf: timestamp('features_as_of', { withTimezone: true }),
  // The history replay's version its rows were computed by; a different one (null at
  // first) rebuilds every fan's history.
  historyEngine: integer('history_engine'),
});

// The stage changes the facts already imply for a later time if nothing new happens (silence
// reaching a threshold, a day leaving the core window, ...), computed with the fan's
// history. The lifecycle job moves each into fan_stage_history when its time comes, at its
// own instant; a new fact replaces the fan's rows.
export const fanStagePending = pgTable(
  'fan_stage_pending',
  {
    fanId: bigint('fan_id', { mode: 'number' }).notNull(),
    fromStage: lifecycleStage('from_stage'),
    toStage: lifecycleStage('to_stage').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    features: jsonb('features').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fanId, t.changedAt] }),
    index('fan_stage_pending_time_idx').on(t.changedAt),
  ],
);

// When each fan first appears in each community (its first fact or membership record
// there), as the history replay last saw it: a fan counts in a community's stage counts
// from then on.
export const fanPresence = pgTable(
  'fan_presence',
  {
    fanId: bigint('fan_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    presentFrom: timestamp('present_from', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.fanId, t.communityId] })],
);

// Stage counts per day as changes: fans in a stage in a community at the end of a day
// (community time zone; community 0 is every fan once, in UTC) are the sum of the deltas
// up to that day. Each history row adds its move on its day, each fan's arrival in a
// community its stage then, so a replayed fan updates only the days it touches.
export const stageDayDeltas = pgTable(
  'stage_day_deltas',
  {
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    stage: lifecycleStage('stage').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day, t.stage] })],
);

export type RuleSet = typeof ruleSets.$inferSelect;
export type FanStageChange = typeof fanStageHistory.$inferSelect;
