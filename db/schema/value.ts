import {
  bigint,
  char,
  doublePrecision,
  index,
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
 * Each fan's value as of the latest fit, from its linked customers' rows of customer_values:
 * the 12-month CLV summed over them; P(alive) and the R, F and M scores of its main customer
 * (the highest CLV, then the lowest id). Kept by the triggers of migration 0031 (function
 * fan_values_sync, db/sql) whenever customer_values or a customer's link changes, so the
 * segment browser can sort and page by these values through an index. A fan without a
 * linked customer of the fit has no row.
 */
export const fanValues = pgTable(
  'fan_values',
  {
    // No foreign key: a fit storing values would take key share locks on fans that ingest
    // holds for update while it links a customer (a deadlock); a deleted fan's customers
    // are unlinked, and the trigger drops its row.
    fanId: bigint('fan_id', { mode: 'number' }).primaryKey(),
    /** Its linked customers with a value. */
    customers: integer('customers').notNull(),
    /** The main customer, whose P(alive) and scores these are. */
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    clv12m: doublePrecision('clv_12m'),
    pAlive: doublePrecision('p_alive'),
    rScore: smallint('r_score').notNull(),
    fScore: smallint('f_score').notNull(),
    mScore: smallint('m_score').notNull(),
  },
  (t) => [
    // With the fan id: the segment browser pages by (value, fan_id) keyset on these.
    index('fan_values_clv_fan_idx').on(t.clv12m, t.fanId),
    index('fan_values_p_alive_fan_idx').on(t.pAlive, t.fanId),
    index('fan_values_r_fan_idx').on(t.rScore, t.fanId),
    index('fan_values_f_fan_idx').on(t.fScore, t.fanId),
    index('fan_values_m_fan_idx').on(t.mScore, t.fanId),
  ],
);

/**
 * Fits asked for (by a person on Growth, or by the nightly schedule), taken by the worker
 * in order; the row says when it ran, which fit it made, or why it failed.
 */
export const valueFitRequests = pgTable('value_fit_requests', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  requestedByUserId: bigint('requested_by_user_id', { mode: 'number' }).references(() => users.id),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  fitId: bigint('fit_id', { mode: 'number' }).references(() => valueFits.id, {
    onDelete: 'set null',
  }),
  error: text('error'),
});
