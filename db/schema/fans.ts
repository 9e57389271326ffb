import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const fans = pgTable(
  'fans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    telegramUserId: bigint('telegram_user_id', { mode: 'number' }).notNull().unique(),
    username: text('username'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    languageCode: text('language_code'),
    isBot: boolean('is_bot').notNull().default(false),
    // Earliest fact of any kind we hold for the fan, maintained on ingest.
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Set when a privacy request erased the fan: personal fields and message text are
    // gone, the anonymous counts stay.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    // Case-insensitive prefix search for support (text_pattern_ops: LIKE 'abc%' uses the
    // index under any collation).
    index('fans_username_prefix_idx').using('btree', sql`lower(${t.username}) text_pattern_ops`),
    index('fans_first_name_prefix_idx').using('btree', sql`lower(${t.firstName}) text_pattern_ops`),
    index('fans_last_name_prefix_idx').using('btree', sql`lower(${t.lastName}) text_pattern_ops`),
  ],
);

export type Fan = typeof fans.$inferSelect;
