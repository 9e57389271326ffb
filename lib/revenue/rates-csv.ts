import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../api/errors';
import { rateEntry, type RateEntry } from './currency-schemas';
import { RevenueError } from './errors';

const HEADER = ['currency', 'day', 'rate'];

/**
 * A rates file (`currency,day,rate`, one row per currency and day) read whole: it is small
 * (a rate a day is 365 rows a year). Any bad row refuses the file, each named with its line.
 */
export function parseRatesCsv(text: string): RateEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new RevenueError('invalid', `Not a CSV file: ${(error as Error).message}`);
  }
  const header = rows[0]?.map((h) => h.toLowerCase());
  if (!header || header.join(',') !== HEADER.join(','))
    throw new RevenueError('invalid', `The first line must be ${HEADER.join(',')}`, [
      { path: 'line 1', code: 'header', message: `must be ${HEADER.join(',')}` },
    ]);
  const fields: FieldIssue[] = [];
  const rates: RateEntry[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.length !== HEADER.length) {
      fields.push({ path: `line ${line}`, code: 'columns', message: 'must have 3 columns' });
      return;
    }
    const parsed = rateEntry.safeParse({ currency: row[0], day: row[1], rate: row[2] });
    if (parsed.success) rates.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        fields.push({
          path: `line ${line}: ${issue.path.join('.')}`,
          code: issue.code,
          message: issue.message,
        });
  });
  if (fields.length > 0)
    throw new RevenueError(
      'invalid',
      `${fields.length} problem(s) in the rates file; nothing was saved`,
      fields.slice(0, 100),
    );
  if (rates.length === 0) throw new RevenueError('invalid', 'The rates file has no rows');
  return rates;
}
