import { z } from 'zod';
import { csvText } from '../lib/csv/csv-writer';
import {
  computeCustomerValues,
  customerValueColumns,
  customerValueRows,
  fitRecord,
  storeCustomerValues,
} from '../lib/revenue/customer-values';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run value -- [--as-of <ISO time>] [--format csv|json] [--save]
//   Fits the value models (BG/NBD, Gamma-Gamma) on every customer's purchases up to that
//   time (default now) and prints one row per customer (csv) or the fit (json). The fit is
//   on stderr either way. --save stores the result as the current fit, as the worker does.
// DATABASE_URL's database, else the embedded one.
const argsSchema = z.object({
  'as-of': z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 1997-09-30T12:00:00Z' })
    .optional(),
  format: z.enum(['csv', 'json'], { error: 'must be csv or json' }).default('csv'),
  save: z.boolean().default(false),
});

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main() {
  const args = parseCliArgs(
    { 'as-of': { type: 'string' }, format: { type: 'string' }, save: { type: 'boolean' } },
    argsSchema,
  );
  const asOf = args['as-of'] ? new Date(args['as-of']) : new Date();
  await withDatabase(2, async ({ db }) => {
    const values = await computeCustomerValues(db, asOf);
    const fit = fitRecord(values);
    if (args.format === 'json') process.stdout.write(`${JSON.stringify(fit, null, 2)}\n`);
    else {
      const rows = customerValueRows(values);
      const chunk = 10_000;
      for (let i = 0; i < Math.max(rows.length, 1); i += chunk)
        process.stdout.write(
          csvText(customerValueColumns, rows.slice(i, i + chunk), { header: i === 0 }),
        );
    }
    if (args.save) await storeCustomerValues(db, values, null);
    console.error(JSON.stringify({ ...fit, unconverted: values.unconverted, saved: args.save }));
  });
}

runCli(main);
