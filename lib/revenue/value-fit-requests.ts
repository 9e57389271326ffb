import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { computeCustomerValues, storeCustomerValues } from './customer-values';

// Fits are asked for (by a person, or nightly) as rows of value_fit_requests and run by the
// worker one at a time, so the web app never fits in a request and two workers never fit
// the same request. A run cut short (a crash) is taken again after an hour.

const STALE = sql`interval '1 hour'`;

/** Asks for a fit as of now; an unstarted request already waiting is reused. */
export async function requestValueFit(db: Executor, userId: number | null): Promise<number> {
  const [row] = await db.execute<{ id: string }>(sql`
    with waiting as (
      select id from value_fit_requests where started_at is null order by id limit 1
    ), added as (
      insert into value_fit_requests (requested_by_user_id)
      select ${userId} where not exists (select 1 from waiting)
      returning id
    )
    select id::text from waiting union all select id::text from added`);
  return Number(row!.id);
}

/** Asks for the nightly fit when purchases exist and none was made in the last 20 hours. */
export async function requestNightlyFit(db: Executor): Promise<boolean> {
  const rows = await db.execute(sql`
    insert into value_fit_requests (requested_by_user_id)
    select null where exists (select 1 from purchases)
      and not exists (select 1 from value_fits where fitted_at > now() - interval '20 hours')
      and not exists (select 1 from value_fit_requests where finished_at is null)
    returning id`);
  return rows.length > 0;
}

/** Runs the oldest waiting request, if any; returns the fit's id (null: none waited). */
export async function runWaitingValueFit(db: Database): Promise<number | null> {
  const [claimed] = await db.execute<{ id: string; requested_by_user_id: string | null }>(sql`
    update value_fit_requests set started_at = now(), error = null
    where id = (
      select id from value_fit_requests
      where finished_at is null and (started_at is null or started_at < now() - ${STALE})
      order by id limit 1 for update skip locked)
    returning id::text, requested_by_user_id::text`);
  if (!claimed) return null;
  try {
    const values = await computeCustomerValues(db, new Date());
    const fitId = await storeCustomerValues(
      db,
      values,
      claimed.requested_by_user_id === null ? null : Number(claimed.requested_by_user_id),
    );
    await db.execute(sql`
      update value_fit_requests set finished_at = now(), fit_id = ${fitId} where id = ${claimed.id}`);
    return fitId;
  } catch (error) {
    await db.execute(sql`
      update value_fit_requests set finished_at = now(), error = ${String((error as Error).message).slice(0, 500)}
      where id = ${claimed.id}`);
    throw error;
  }
}

export interface ValueFitStatus {
  fit: {
    id: number;
    asOf: string;
    fittedAt: string;
    currency: string | null;
    customers: number;
    bgNbd: { params: Record<string, number>; logLikelihood: number; customers: number } | null;
    gammaGamma: { params: Record<string, number>; logLikelihood: number; customers: number } | null;
    problem: string | null;
    seconds: number;
  } | null;
  /** A request waiting or running, and the last one's failure if it failed. */
  pending: { requestedAt: string; startedAt: string | null } | null;
  lastError: string | null;
}

type StoredFit = NonNullable<ValueFitStatus['fit']>;

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export async function valueFitStatus(db: Executor): Promise<ValueFitStatus> {
  const [fit] = await db.execute<{
    id: string;
    as_of: string;
    fitted_at: string;
    currency: string | null;
    customers: number;
    bg_nbd: StoredFit['bgNbd'];
    gamma_gamma: StoredFit['gammaGamma'];
    problem: string | null;
    seconds: number;
  }>(sql`
    select id::text, ${iso('as_of')} as as_of, ${iso('fitted_at')} as fitted_at, currency,
      customers, bg_nbd, gamma_gamma, problem, seconds
    from value_fits order by id desc limit 1`);
  const [pending] = await db.execute<{ requested_at: string; started_at: string | null }>(sql`
    select ${iso('requested_at')} as requested_at, ${iso('started_at')} as started_at
    from value_fit_requests where finished_at is null order by id limit 1`);
  const [last] = await db.execute<{ error: string | null }>(sql`
    select error from value_fit_requests where finished_at is not null order by id desc limit 1`);
  return {
    fit: fit
      ? {
          id: Number(fit.id),
          asOf: fit.as_of,
          fittedAt: fit.fitted_at,
          currency: fit.currency,
          customers: fit.customers,
          bgNbd: fit.bg_nbd,
          gammaGamma: fit.gamma_gamma,
          problem: fit.problem,
          seconds: fit.seconds,
        }
      : null,
    pending: pending ? { requestedAt: pending.requested_at, startedAt: pending.started_at } : null,
    lastError: last?.error ?? null,
  };
}
