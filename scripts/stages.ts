import { z } from 'zod';
import { writeHistoryCsv } from '../lib/history/history-csv';
import { getRuleSet, getRuleSetInForce } from '../lib/lifecycle/rule-sets';
import { writeStagesCsv } from '../lib/lifecycle/stages-csv';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run stages -- --as-of <ISO time> [--rules <version>] [--format csv]
//   Every fan's stage as of that time, computed from the facts, under the rules in force
//   then (or the version asked for).
// npm run stages -- --history [--format csv]
//   Every recorded stage change, oldest first per fan.
// DATABASE_URL's database, else the embedded one.
const argsSchema = z
  .object({
    'as-of': z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-05-01T00:00:00Z' })
      .optional(),
    history: z.boolean().default(false),
    rules: z.coerce.number().int().positive().optional(),
    format: z.literal('csv', { error: 'only csv is supported' }).default('csv'),
  })
  .refine((a) => a.history !== (a['as-of'] !== undefined), {
    message: 'give either --as-of <ISO time> or --history',
    path: ['as-of'],
  })
  .refine((a) => !(a.history && a.rules), {
    message: '--rules goes with --as-of: the history cites the rules of each change',
    path: ['rules'],
  });

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main() {
  const args = parseCliArgs(
    {
      'as-of': { type: 'string' },
      history: { type: 'boolean' },
      rules: { type: 'string' },
      format: { type: 'string' },
    },
    argsSchema,
  );
  await withDatabase(1, async ({ db, sql }) => {
    if (args.history) {
      const rows = await writeHistoryCsv(sql, process.stdout);
      console.error(`${rows} stage changes`);
      return;
    }
    const asOf = new Date(args['as-of']!);
    const ruleSet = args.rules
      ? await getRuleSet(db, args.rules)
      : await getRuleSetInForce(db, asOf);
    const rows = await writeStagesCsv(sql, { asOf, params: ruleSet.params }, process.stdout);
    console.error(`${rows} fans as of ${asOf.toISOString()} under rules v${ruleSet.version}`);
  });
}

runCli(main);
