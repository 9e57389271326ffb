import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { orderCsvColumns } from '../orders-csv-header';

// The CDNOW sample (shared/fixtures/cdnow, the BG/NBD and Gamma-Gamma papers' data) as a
// purchase CSV: one paid order per line of the sample, `order_id` its line number,
// `customer_id` the 1–2357 id, no Telegram id (so no customer is linked to a fan), USD,
// `occurred_at` the day at 12:00 UTC. For tests, the value models' checks and anyone who
// wants a known purchase history: `await writeCdnowOrdersCsv('cdnow.csv')`.

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The sample beside the checkout: `<repo>/../shared/fixtures/cdnow/CDNOW_sample.txt`. */
export const cdnowSamplePath = path.join(
  repoRoot,
  '..',
  'shared',
  'fixtures',
  'cdnow',
  'CDNOW_sample.txt',
);

/** One line of the sample as a CSV row; throws on a line that is not one. */
export function cdnowRow(text: string, line: number): string {
  const fields = text.trim().split(/\s+/);
  const [, customer, day, , dollars] = fields;
  if (fields.length !== 5 || !/^\d{8}$/.test(day!) || !/^\d+(\.\d{1,2})?$/.test(dollars!))
    throw new Error(`CDNOW sample, line ${line}: not "<id> <customer> <YYYYMMDD> <CDs> <dollars>"`);
  const at = `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6)}T12:00:00Z`;
  return [line, Number(customer), '', dollars, 'USD', at, 'paid'].join(',');
}

/** Writes the sample as a purchase CSV to `target`; returns its rows and customers. */
export async function writeCdnowOrdersCsv(
  target: string,
  source: string = cdnowSamplePath,
): Promise<{ rows: number; customers: number }> {
  const out = createWriteStream(target);
  const customers = new Set<string>();
  let rows = 0;
  let line = 0;
  try {
    out.write(`${orderCsvColumns.join(',')}\n`);
    const lines = createInterface({ input: createReadStream(source), crlfDelay: Infinity });
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      const row = cdnowRow(text, line);
      rows++;
      customers.add(row.split(',')[1]!);
      if (!out.write(`${row}\n`)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { rows, customers: customers.size };
}
