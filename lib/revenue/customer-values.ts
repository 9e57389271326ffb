import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { column, numberArray } from '../ingest/sql-arrays';
import { scoreCustomers, type ScoredCustomers } from '../value/score-customers';
import { customerSummaries, type CustomerSummaries } from './customer-summaries';

// The value models on the product's own data: every customer's summary as of a time, the
// fits and each customer's scores (lib/value), and storing them as the current fit.

export interface CustomerValues extends CustomerSummaries {
  scored: ScoredCustomers;
  seconds: number;
}

/** Fits the models on every customer's purchases up to `asOf` and scores each customer. */
export async function computeCustomerValues(db: Executor, asOf: Date): Promise<CustomerValues> {
  const started = performance.now();
  const summaries = await customerSummaries(db, asOf);
  const scored = scoreCustomers(summaries.customers);
  return { ...summaries, scored, seconds: (performance.now() - started) / 1000 };
}

/** The fit's row as stored and shown: parameters, log-likelihood, customers. */
export function fitRecord(values: CustomerValues) {
  const { scored } = values;
  const problem = [
    scored.bgNbdUnavailable,
    scored.expectedValueSource === 'gamma-gamma'
      ? null
      : `Gamma-Gamma not used: expected values from ${scored.expectedValueSource}`,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    asOf: values.asOf.toISOString(),
    currency: values.currency,
    customers: values.customers.length,
    bgNbd: scored.bgNbd,
    gammaGamma: scored.gammaGamma,
    problem: problem || null,
    seconds: values.seconds,
  };
}

const CHUNK = 20_000;

/** Stores the values as the current fit: customer_values replaced whole. Returns its id. */
export async function storeCustomerValues(
  db: Database,
  values: CustomerValues,
  requestedByUserId: number | null,
): Promise<number> {
  const fit = fitRecord(values);
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: string }>(sql`
      insert into value_fits (as_of, requested_by_user_id, currency, customers, bg_nbd,
        gamma_gamma, problem, seconds)
      values (${fit.asOf}, ${requestedByUserId}, ${fit.currency}, ${fit.customers},
        ${fit.bgNbd ? JSON.stringify(fit.bgNbd) : null}::jsonb,
        ${fit.gammaGamma ? JSON.stringify(fit.gammaGamma) : null}::jsonb,
        ${fit.problem}, ${fit.seconds})
      returning id::text`);
    const fitId = Number(row!.id);
    await tx.execute(sql`delete from customer_values`);
    const { customers } = values;
    const scores = values.scored.customers;
    for (let start = 0; start < customers.length; start += CHUNK) {
      const cs = customers.slice(start, start + CHUNK);
      const ss = scores.slice(start, start + CHUNK);
      const col = (xs: (number | null)[], type: string) => column(numberArray(xs), type);
      await tx.execute(sql`
        insert into customer_values (customer_id, fit_id, frequency, recency, age, monetary_value,
          p_alive, expected_purchases_90d, expected_value, clv_12m, r_score, f_score, m_score)
        select r.customer_id, ${fitId}, r.x, r.tx, r.age, r.monetary, r.p_alive, r.e90, r.ev,
          r.clv, r.r, r.f, r.m
        from unnest(
          ${col(
            cs.map((c) => c.customerId),
            'bigint',
          )}, ${col(
            cs.map((c) => c.x),
            'int',
          )},
          ${col(
            cs.map((c) => c.tx),
            'float8',
          )}, ${col(
            cs.map((c) => c.T),
            'float8',
          )},
          ${col(
            cs.map((c) => c.monetary),
            'float8',
          )}, ${col(
            ss.map((s) => s.pAlive),
            'float8',
          )},
          ${col(
            ss.map((s) => s.expected90d),
            'float8',
          )},
          ${col(
            ss.map((s) => s.expectedValue),
            'float8',
          )},
          ${col(
            ss.map((s) => s.clv12m),
            'float8',
          )}, ${col(
            ss.map((s) => s.r),
            'int2',
          )},
          ${col(
            ss.map((s) => s.f),
            'int2',
          )}, ${col(
            ss.map((s) => s.m),
            'int2',
          )}
        ) as r(customer_id, x, tx, age, monetary, p_alive, e90, ev, clv, r, f, m)`);
    }
    return fitId;
  });
}

export const customerValueColumns = [
  'customer_id',
  'telegram_user_id',
  'frequency',
  'recency',
  'T',
  'monetary_value',
  'p_alive',
  'expected_purchases_90d',
  'expected_value',
  'clv_12m',
  'r_score',
  'f_score',
  'm_score',
] as const;

/** One row per customer in customerValueColumns' order (the CLI's CSV). */
export function customerValueRows(values: CustomerValues): (string | number | null)[][] {
  return values.customers.map((c, i) => {
    const s = values.scored.customers[i]!;
    return [
      c.customerKey,
      c.telegramUserId,
      c.x,
      c.tx,
      c.T,
      c.monetary,
      s.pAlive,
      s.expected90d,
      s.expectedValue,
      s.clv12m,
      s.r,
      s.f,
      s.m,
    ];
  });
}
