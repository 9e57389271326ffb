import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { convertPurchases } from './convert-purchases';
import type { RateEntry } from './currency-schemas';
import { RevenueError } from './errors';

// The base currency and the daily rates into it (DESIGN §5b). Every change converts the
// purchases it touches again, in the same transaction, and queues their fans for a replay.

export interface CurrencyState {
  base: string | null;
  /** Every currency purchases are in, with how many lack a rate for their day. */
  currencies: {
    currency: string;
    purchases: number;
    unconverted: number;
    firstMissingDay: string | null;
    lastMissingDay: string | null;
  }[];
  /** The latest rates into the base currency, newest day first. */
  rates: { currency: string; day: string; rate: string }[];
}

export async function currencyState(db: Executor, rateLimit = 60): Promise<CurrencyState> {
  const [settings] = await db.execute<{ base_currency: string }>(
    sql`select base_currency from revenue_settings`,
  );
  const currencies = await db.execute<{
    currency: string;
    purchases: number;
    unconverted: number;
    first_missing: string | null;
    last_missing: string | null;
  }>(sql`
    select currency, count(*)::int as purchases,
      count(*) filter (where base_amount is null)::int as unconverted,
      to_char(min(occurred_at at time zone 'UTC') filter (where base_amount is null), 'YYYY-MM-DD')
        as first_missing,
      to_char(max(occurred_at at time zone 'UTC') filter (where base_amount is null), 'YYYY-MM-DD')
        as last_missing
    from purchases group by currency order by count(*) desc, currency`);
  const rates = await db.execute<{ currency: string; day: string; rate: string }>(sql`
    select cr.currency, to_char(cr.day, 'YYYY-MM-DD') as day, cr.rate::float8::text as rate
    from currency_rates cr join revenue_settings rs on rs.base_currency = cr.base
    order by cr.day desc, cr.currency limit ${rateLimit}`);
  return {
    base: settings?.base_currency ?? null,
    currencies: currencies.map((c) => ({
      currency: c.currency,
      purchases: c.purchases,
      unconverted: c.unconverted,
      firstMissingDay: c.first_missing,
      lastMissingDay: c.last_missing,
    })),
    rates: [...rates],
  };
}

/** Purchases left out of converted figures (no rate for their day), for warnings. */
export async function unconvertedPurchases(
  db: Executor,
  range?: { from: string; to: string },
): Promise<{ purchases: number; currencies: string[] }> {
  const inRange = range
    ? sql`and occurred_at >= ${range.from}::date::timestamp at time zone 'UTC'
        and occurred_at < (${range.to}::date + 1)::timestamp at time zone 'UTC'`
    : sql``;
  const rows = await db.execute<{ currency: string; n: number }>(sql`
    select currency, count(*)::int as n from purchases
    where base_amount is null ${inRange} group by currency order by currency`);
  return {
    purchases: rows.reduce((sum, r) => sum + r.n, 0),
    currencies: rows.map((r) => r.currency),
  };
}

async function lockedBase(tx: Executor): Promise<string> {
  const [row] = await tx.execute<{ base_currency: string }>(
    sql`select base_currency from revenue_settings for update`,
  );
  if (!row)
    throw new RevenueError(
      'no_purchases',
      'No purchase is stored yet: the first one sets the base currency',
    );
  return row.base_currency;
}

/** Makes `currency` the base: every purchase is converted again. */
export async function setBaseCurrency(
  db: Database,
  { currency, actorUserId }: { currency: string; actorUserId: number | null },
): Promise<{ before: string | null; changed: boolean; purchasesChanged: number }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.execute<{ base_currency: string }>(
      sql`select base_currency from revenue_settings for update`,
    );
    const before = existing?.base_currency ?? null;
    if (before === currency) return { before, changed: false, purchasesChanged: 0 };
    await tx.execute(sql`
      insert into revenue_settings (id, base_currency, updated_at, updated_by_user_id)
      values (1, ${currency}, now(), ${actorUserId})
      on conflict (id) do update set base_currency = excluded.base_currency,
        updated_at = now(), updated_by_user_id = excluded.updated_by_user_id`);
    const purchasesChanged = await convertPurchases(tx, sql`true`);
    await recordAudit(tx, {
      actorUserId,
      action: 'base_currency.set',
      entity: 'revenue_settings',
      entityId: 1,
      before: { base: before },
      after: { base: currency, purchasesChanged },
    });
    return { before, changed: true, purchasesChanged };
  });
}

/** Stores rates into the base currency (a day's rate replaces the one it had). */
export async function saveRates(
  db: Database,
  {
    rates,
    actorUserId,
    source,
  }: { rates: RateEntry[]; actorUserId: number | null; source: string },
): Promise<{ saved: number; purchasesChanged: number }> {
  if (rates.length === 0) return { saved: 0, purchasesChanged: 0 };
  return db.transaction(async (tx) => {
    const base = await lockedBase(tx);
    const own = rates.findIndex((r) => r.currency === base);
    if (own >= 0)
      throw new RevenueError('invalid', `${base} is the base currency: it needs no rate`, [
        { path: `rates.${own}.currency`, code: 'base_currency', message: 'is the base currency' },
      ]);
    const json = JSON.stringify(rates);
    await tx.execute(sql`
      insert into currency_rates (base, currency, day, rate, updated_at, updated_by_user_id)
      select distinct on (r.currency, r.day) ${base}, r.currency, r.day, r.rate, now(), ${actorUserId}
      from json_to_recordset(${json}::json) as r(currency text, day date, rate numeric)
      order by r.currency, r.day
      on conflict (base, currency, day) do update set rate = excluded.rate,
        updated_at = now(), updated_by_user_id = excluded.updated_by_user_id`);
    const purchasesChanged = await convertPurchases(
      tx,
      sql`(p.currency, (p.occurred_at at time zone 'UTC')::date) in (
        select r.currency, r.day from json_to_recordset(${json}::json) as r(currency text, day date))`,
    );
    const currencies = [...new Set(rates.map((r) => r.currency))].sort();
    const days = rates.map((r) => r.day).sort();
    await recordAudit(tx, {
      actorUserId,
      action: 'currency_rates.save',
      entity: 'currency_rates',
      entityId: base,
      after: {
        source,
        rates: rates.length,
        currencies,
        from: days[0],
        to: days.at(-1),
        purchasesChanged,
      },
    });
    return { saved: rates.length, purchasesChanged };
  });
}

/** Removes a day's rate: its purchases are left out of converted figures again. */
export async function deleteRate(
  db: Database,
  { currency, day, actorUserId }: { currency: string; day: string; actorUserId: number | null },
): Promise<{ purchasesChanged: number }> {
  return db.transaction(async (tx) => {
    const base = await lockedBase(tx);
    const [gone] = await tx.execute<{ rate: string }>(sql`
      delete from currency_rates where base = ${base} and currency = ${currency} and day = ${day}
      returning rate::text`);
    if (!gone) throw new RevenueError('not_found', `No ${currency} rate for ${day}`);
    const purchasesChanged = await convertPurchases(
      tx,
      sql`p.currency = ${currency} and (p.occurred_at at time zone 'UTC')::date = ${day}::date`,
    );
    await recordAudit(tx, {
      actorUserId,
      action: 'currency_rates.delete',
      entity: 'currency_rates',
      entityId: base,
      before: { currency, day, rate: gone.rate },
      after: { purchasesChanged },
    });
    return { purchasesChanged };
  });
}
