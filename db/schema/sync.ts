import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities';

// Per community and stream (history, admin_log, participants, views, ...): where a sync
// stopped and how it went, so a restart resumes and Settings can show progress.
export const syncState = pgTable(
  'sync_state',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    cursor: jsonb('cursor').$type<Record<string, unknown>>(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    floodWaitUntil: timestamp('flood_wait_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.stream] })],
);

export type SyncState = typeof syncState.$inferSelect;
