import { parseArgs } from 'node:util';
import { importFileKind } from '../lib/revenue/import-file-kind';
import { importOrdersCsv } from '../lib/revenue/import-orders';
import { importExport } from '../lib/telegram-export/import-export';
import { withImportLock } from '../lib/telegram-export/import-lock';
import { runCli, withDatabase } from './cli';

// npm run import -- <file>: a Telegram Desktop export (result.json: one chat, or the whole
// account) or a purchase CSV (orders.csv), told apart by the file's first bytes, through
// the ingest path into DATABASE_URL's database (else the embedded one). Prints what was
// imported and what was skipped, as JSON. Waits for no other import: while one runs (here
// or on the Import page) it is refused.
async function main() {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) {
    console.error(
      'usage: npm run import -- <result.json of a Telegram Desktop export | orders.csv>',
    );
    process.exit(2);
  }
  const started = performance.now();
  const file = positionals[0]!;
  const kind = await importFileKind(file);
  // One connection holds the import lock (as the web app's import does), one writes.
  const report = await withDatabase(3, ({ db, sql }) =>
    withImportLock(sql, file, async () =>
      kind === 'purchase_csv'
        ? await importOrdersCsv(db, file, { onProgress: (n) => console.error(`${n} rows…`) })
        : await importExport(db, file, { onProgress: (n) => console.error(`${n} messages…`) }),
    ),
  );
  console.log(JSON.stringify({ kind, ...report }, null, 2));
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.error(`imported in ${seconds.toFixed(1)} s, peak memory ${peakMb.toFixed(0)} MB`);
}

runCli(main);
