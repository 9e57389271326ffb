import { idColumn, fanIdColumn } from './columns';
import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const stages = ['new', 'active', 'core', 'high_value', 'at_risk', 'churned'] as const;
export const lifecycleStage = pgEnum('lifecycle_stage', stages);
export type Stage = (typeof stages)[number];

export const ruleSetStatus = pgEnum('rule_set_status', ['draft', 'published', 'archived']);

export const ruleSets = pgTable(
  'rule_sets',
  {
    id: idColumn(),
    version: integer('version').notNull().unique(),
    status: ruleSetStatus('status').notNull(),
    params: jsonb('params').$type<Record<string, number>>().notNull(),
    note: text('note'),
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

export const fanStageHistory = pgTable(
  'fan_stage_history',
  {
    id: idColumn(),
    fanId: fanIdColumn(),
    fromStage: lifecycleStage('from_stage'),
    toStage: lifecycleStage('to_stage').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    // The feature values that decided the move, for "why" in the fan view.
    features: jsonb('features').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('fan_stage_history_fan_time_idx').on(t.fanId, t.changedAt),
    index('fan_stage_history_time_idx').on(t.changedAt),
  ],
);

export type RuleSet = typeof ruleSets.$inferSelect;
export type FanStageChange = typeof fanStageHistory.$inferSelect;
