import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * The currency every converted figure is in: one row. The first purchase sets it to its
 * own currency, so a shop with one currency needs no setup; admins may change it.
 */
export const revenueSettings = pgTable(
  'revenue_settings',
  {
    id: smallint('id').primaryKey().default(1),
    baseCurrency: char('base_currency', { length: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: bigint('updated_by_user_id', { mode: 'number' }).references(() => users.id),
  },
  (t) => [check('revenue_settings_one_row', sql`${t.id} = 1`)],
);

/** How many units of `base` one unit of `currency` was worth on `day` (UTC). */
export const currencyRates = pgTable(
  'currency_rates',
  {
    base: char('base', { length: 3 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    day: date('day').notNull(),
    rate: numeric('rate', { precision: 24, scale: 12 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: bigint('updated_by_user_id', { mode: 'number' }).references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.base, t.currency, t.day] }),
    check('currency_rates_positive', sql`${t.rate} > 0`),
  ],
);
