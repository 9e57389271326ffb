import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

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
  },
  (t) => [index('fans_username_lower_idx').on(sql`lower(${t.username})`)],
);

// A fan can be known to several outside systems (shop, CRM) under their own ids.
export const fanExternalIds = pgTable(
  'fan_external_ids',
  {
    fanId: bigint('fan_id', { mode: 'number' })
      .notNull()
      .references(() => fans.id, { onDelete: 'cascade' }),
    system: text('system').notNull(),
    externalId: text('external_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fanId, t.system] }), unique().on(t.system, t.externalId)],
);

export type Fan = typeof fans.$inferSelect;
