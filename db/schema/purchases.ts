import { idColumn, sourceKeyColumn } from './columns';
import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  index,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { communities } from './communities';
import { fans } from './fans';
import { users } from './accounts';

export const customerLinkSources = ['order', 'support', 'bot'] as const;
export const customerLinkSource = pgEnum('customer_link_source', customerLinkSources);

/**
 * A customer of the brand's shop or CRM, under the shop's own id, kept with its orders
 * whether or not it is linked to a fan. Linking moves the customer's purchases to the fan
 * (purchases.fan_id) and replays the fan's history from the earliest of them.
 */
export const customers = pgTable(
  'customers',
  {
    id: idColumn(),
    customerKey: text('customer_key').notNull().unique(),
    fanId: bigint('fan_id', { mode: 'number' }).references(() => fans.id, {
      onDelete: 'set null',
    }),
    linkedBy: customerLinkSource('linked_by'),
    linkedByUserId: bigint('linked_by_user_id', { mode: 'number' }).references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_fan_idx').on(t.fanId),
    check('customers_link_complete', sql`(${t.fanId} is null) = (${t.linkedBy} is null)`),
  ],
);

export const purchaseStatuses = ['paid', 'refunded'] as const;
export const purchaseStatus = pgEnum('purchase_status', purchaseStatuses);

export const purchases = pgTable(
  'purchases',
  {
    id: idColumn(),
    sourceKey: sourceKeyColumn(),
    orderId: text('order_id').notNull(),
    customerId: bigint('customer_id', { mode: 'number' })
      .notNull()
      .references(() => customers.id),
    // The customer's fan while it is linked (null: not yet known to be a fan); kept here
    // so every reader by fan (the stage engine, ARPU, the timeline) reads one index.
    fanId: bigint('fan_id', { mode: 'number' }).references(() => fans.id, { onDelete: 'cascade' }),
    // The community the sale is attributed to, when the shop knows it.
    communityId: bigint('community_id', { mode: 'number' }).references(() => communities.id),
    status: purchaseStatus('status').notNull().default('paid'),
    // Signed: a refund is stored negative, so sums subtract it.
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    // The amount in the base currency at the purchase day's rate; null while that day has
    // no rate (left out of converted figures, counted in a warning).
    baseAmount: numeric('base_amount', { precision: 16, scale: 2 }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('purchases_fan_time_idx').on(t.fanId, t.occurredAt),
    index('purchases_customer_time_idx').on(t.customerId, t.occurredAt),
    // A refund counts against its order's paid day (the value models' occasions).
    index('purchases_order_idx').on(t.orderId),
    // ARPU by stage reads a range of months' purchases.
    index('purchases_time_idx').on(t.occurredAt),
    check(
      'purchases_amount_sign',
      sql`(${t.status} = 'paid' and ${t.amount} >= 0) or (${t.status} = 'refunded' and ${t.amount} <= 0)`,
    ),
  ],
);

export type Purchase = typeof purchases.$inferSelect;
export type Customer = typeof customers.$inferSelect;
