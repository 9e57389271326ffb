import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A shop or CRM that sends purchases to POST /api/webhooks/purchases. */
export const webhookSources = pgTable(
  'webhook_sources',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }).references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('webhook_sources_name_idx').on(sql`lower(${t.name})`)],
);

/**
 * A source's signing secrets, encrypted under APP_SECRET. Rotating adds a new one and
 * gives the old one an end (`valid_until`), so both sign during the overlap.
 */
export const webhookSecrets = pgTable(
  'webhook_secrets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: bigint('source_id', { mode: 'number' })
      .notNull()
      .references(() => webhookSources.id, { onDelete: 'cascade' }),
    ciphertext: bytea('ciphertext').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
  },
  (t) => [index('webhook_secrets_source_idx').on(t.sourceId)],
);

/** Events a source has delivered, so a repeat is answered 200 and changes nothing. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    sourceId: bigint('source_id', { mode: 'number' })
      .notNull()
      .references(() => webhookSources.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    orderId: text('order_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.eventId] })],
);
