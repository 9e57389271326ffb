import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CustomerSummary } from '../types';

// The CDNOW calibration summary (shared/fixtures/cdnow, beside the repo), in weeks.
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const file = path.join(
  repoRoot,
  '..',
  'shared',
  'fixtures',
  'cdnow',
  'cdnow_customers_summary_with_transactions.csv',
);

export interface CdnowCustomer extends CustomerSummary {
  id: number;
}

export function cdnowCustomers(): CdnowCustomer[] {
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true });
  return rows.map((row) => ({
    id: Number(row.ID),
    x: Number(row.x),
    tx: Number(row.t_x),
    T: Number(row.T),
    monetary: Number(row.zbar),
  }));
}

/** The same customers in days (t_x and T × 7). */
export function inDays(customers: readonly CdnowCustomer[]): CdnowCustomer[] {
  return customers.map((c) => ({ ...c, tx: c.tx * 7, T: c.T * 7 }));
}
