import { z } from 'zod';

// What a person may enter about money: pure, shared by the routes, the forms and the CSV.

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

const isoDay = z.iso.date({ error: 'must be a day as YYYY-MM-DD' });

export const rateValue = z.coerce
  .number({ error: 'must be a number' })
  .finite('must be a number')
  .positive('must be above 0')
  .max(1e9, 'must be below 1,000,000,000');

export const rateEntry = z.strictObject({
  currency: currencyCode,
  day: isoDay,
  rate: rateValue,
});
export type RateEntry = z.output<typeof rateEntry>;

/** A form's rates: one day, or the same rate for every day of a range (up to a year). */
export const rateForm = z
  .strictObject({
    currency: currencyCode,
    from: isoDay,
    to: isoDay.optional(),
    rate: rateValue,
  })
  .refine((f) => !f.to || f.to >= f.from, { message: 'must not be before from', path: ['to'] })
  .refine((f) => !f.to || Date.parse(f.to) - Date.parse(f.from) <= 366 * 86_400_000, {
    message: 'must be within a year of from',
    path: ['to'],
  });

export const baseCurrencyChange = z.strictObject({ currency: currencyCode });
export const rateKey = z.strictObject({ currency: currencyCode, day: isoDay });

/** The days of a rate form, each with its rate. */
export function ratesOfForm(f: z.output<typeof rateForm>): RateEntry[] {
  const out: RateEntry[] = [];
  const last = Date.parse(f.to ?? f.from);
  for (let t = Date.parse(f.from); t <= last; t += 86_400_000)
    out.push({ currency: f.currency, day: new Date(t).toISOString().slice(0, 10), rate: f.rate });
  return out;
}
