import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Random } from '../../lib/demo/random';
import type { OrdersCsvReport } from '../../lib/revenue/import-orders';
import { orderCsvColumns } from '../../lib/revenue/orders-csv-header';
import type { Report } from './report';

// A quarter as many customers as orders; 3 in 10 known to the shop by their Telegram id
// (given on half their orders), the rest never linked; 1 order in 10 in EUR; about 3% of
// the rows refund the order before them.
const ORDERS_PER_CUSTOMER = 4;
const START = Date.parse('2024-06-01T00:00:00Z');
const SPAN_MS = 730 * 86_400_000;

/** Writes a purchase CSV of `orders` rows to `file`; the same seed gives the same file. */
export async function writeOrdersCsv(
  file: string,
  { orders, seed }: { orders: number; seed: number },
): Promise<void> {
  const rng = new Random(seed, 0x0dd5);
  const customers = Math.max(1, Math.round(orders / ORDERS_PER_CUSTOMER));
  const out = createWriteStream(file);
  let chunk = `${orderCsvColumns.join(',')}\n`;
  let last: { id: number; customer: number; amount: string; currency: string; at: number } | null =
    null;
  for (let i = 0; i < orders; i++) {
    if (last && rng.chance(0.03)) {
      const at = new Date(last.at + 3 * 86_400_000).toISOString();
      chunk += `O-${last.id},C-${last.customer},,${last.amount},${last.currency},${at},refunded\n`;
      last = null;
    } else {
      const customer = rng.int(0, customers - 1);
      const telegram = customer % 10 < 3 && rng.chance(0.5) ? 7_000_000_000 + customer : '';
      const amount = Math.max(0.5, rng.logNormal(30, 0.8)).toFixed(2);
      const currency = rng.chance(0.1) ? 'EUR' : 'USD';
      const at = START + Math.floor(rng.next() * SPAN_MS);
      chunk += `O-${i},C-${customer},${telegram},${amount},${currency},${new Date(at).toISOString()},paid\n`;
      last = { id: i, customer, amount, currency, at };
    }
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

/**
 * `npm run import` of a generated purchase CSV of `orders` rows into an empty database,
 * as its own process so its peak memory is the import's alone (not the generator's).
 */
export async function benchOrdersCsv(
  url: string,
  { orders, seed }: { orders: number; seed: number },
  report: Report,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-orders-csv-'));
  const file = path.join(dir, 'orders.csv');
  try {
    await writeOrdersCsv(file, { orders, seed });
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    const done = /imported in ([\d.]+) s, peak memory (\d+) MB/.exec(stderr);
    if (code !== 0 || !done) throw new Error(`import failed (exit ${code}):\n${stderr}`);
    const imported = JSON.parse(stdout) as OrdersCsvReport;
    const seconds = Number(done[1]);
    report('orders_csv', {
      rows: imported.rows,
      file_mb: Math.round(statSync(file).size / 1_048_576),
      purchases: imported.added.purchases,
      refunds: imported.added.refunds,
      customers: imported.added.customersCreated,
      linked: imported.added.customersLinked,
      unlinked_customers: imported.unlinked.customers,
      bad_rows: imported.badRows.count,
      seconds,
      rows_per_s: Math.round(imported.rows / seconds),
      peak_rss_mb: Number(done[2]),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
