import { idColumn, sourceKeyColumn, fanIdColumn } from './columns';
import { bigint, char, index, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities';

export const purchases = pgTable(
  'purchases',
  {
    id: idColumn(),
    sourceKey: sourceKeyColumn(),
    orderId: text('order_id').notNull(),
    fanId: fanIdColumn(),
    // The community the sale is attributed to, when the shop knows it.
    communityId: bigint('community_id', { mode: 'number' }).references(() => communities.id),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('purchases_fan_time_idx').on(t.fanId, t.occurredAt),
    // ARPU by stage reads a range of months' purchases.
    index('purchases_time_idx').on(t.occurredAt),
  ],
);

export type Purchase = typeof purchases.$inferSelect;
