import {
  bigint,
  char,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { customers } from './purchases';

/** One fit of the value models on every customer's purchases up to `as_of`. */
export const valueFits = pgTable('value_fits', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  fittedAt: timestamp('fitted_at', { withTimezone: true }).notNull().defaultNow(),
  requestedByUserId: bigint('requested_by_user_id', { mode: 'number' }).references(() => users.id),
  currency: char('currency', { length: 3 }),
  customers: integer('customers').notNull(),
  // { params, logLikelihood, customers, converged, iterations }, null when it could not fit.
  bgNbd: jsonb('bg_nbd'),
  gammaGamma: jsonb('gamma_gamma'),
  // Why a model has no fit (too few customers, no repeat buyers), for the screen.
  problem: text('problem'),
  seconds: doublePrecision('seconds').notNull(),
});

/** Every customer's value as of the latest fit (replaced whole by each fit). */
export const customerValues = pgTable('customer_values', {
  customerId: bigint('customer_id', { mode: 'number' })
    .primaryKey()
    .references(() => customers.id, { onDelete: 'cascade' }),
  fitId: bigint('fit_id', { mode: 'number' })
    .notNull()
    .references(() => valueFits.id, { onDelete: 'cascade' }),
  frequency: integer('frequency').notNull(),
  recency: doublePrecision('recency').notNull(),
  age: doublePrecision('age').notNull(),
  monetaryValue: doublePrecision('monetary_value').notNull(),
  pAlive: doublePrecision('p_alive'),
  expectedPurchases90d: doublePrecision('expected_purchases_90d'),
  expectedValue: doublePrecision('expected_value'),
  clv12m: doublePrecision('clv_12m'),
  rScore: smallint('r_score').notNull(),
  fScore: smallint('f_score').notNull(),
  mScore: smallint('m_score').notNull(),
});

/**
 * Fits asked for (by a person on Growth, or by the nightly schedule), taken by the worker
 * in order; the row says when it ran, which fit it made, or why it failed.
 */
export const valueFitRequests = pgTable('value_fit_requests', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  requestedByUserId: bigint('requested_by_user_id', { mode: 'number' }).references(
    () => users.id,
  ),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  fitId: bigint('fit_id', { mode: 'number' }).references(() => valueFits.id, {
    onDelete: 'set null',
  }),
  error: text('error'),
});
