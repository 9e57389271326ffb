import { parseArgs } from 'node:util';
import { importExport } from '../lib/telegram-export/import-export';
import { runCli, withDatabase } from './cli';

// npm run import -- <result.json>: a Telegram Desktop export (one chat, or the whole
// account) through the ingest path, into DATABASE_URL's database (else the embedded one).
// Prints what was imported and what was skipped, as JSON.
async function main() {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('usage: npm run import -- <path to result.json>');
    process.exit(2);
  }
  const started = performance.now();
  const report = await withDatabase(2, ({ db }) =>
    importExport(db, positionals[0]!, {
      onProgress: (messages) => console.error(`${messages} messages…`),
    }),
  );
  console.log(JSON.stringify(report, null, 2));
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.error(`imported in ${seconds.toFixed(1)} s, peak memory ${peakMb.toFixed(0)} MB`);
}

runCli(main);
