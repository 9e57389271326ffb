import { sql, type SQL } from 'drizzle-orm';

/**
 * A purchase's amount in the base currency (revenue_settings) at the rate of its UTC day,
 * rounded to cents; null when that day has no rate. The one conversion: ingest stores it,
 * and a change of rates or base stores it again (lib/revenue/convert-purchases.ts).
 */
export function baseAmount(amount: SQL, currency: SQL, occurredAt: SQL): SQL {
  return sql`round(case when ${currency} = (select base_currency from revenue_settings)
    then ${amount}
    else ${amount} * (select cr.rate from currency_rates cr
      where cr.base = (select base_currency from revenue_settings)
        and cr.currency = ${currency}
        and cr.day = (${occurredAt} at time zone 'UTC')::date) end, 2)`;
}
