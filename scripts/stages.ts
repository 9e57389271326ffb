import { z } from 'zod';
import { getPublishedRuleSet, getRuleSet } from '../lib/lifecycle/rule-sets';
import { writeStagesCsv } from '../lib/lifecycle/stages-csv';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run stages -- --as-of <ISO time> [--rules <version>] --format csv
// Every fan's stage as of that time, computed from the facts (DATABASE_URL or embedded).
const argsSchema = z.object({
  'as-of': z.iso.datetime({
    offset: true,
    error: 'must be an ISO 8601 time, e.g. 2026-05-01T00:00:00Z',
  }),
  rules: z.coerce.number().int().positive().optional(),
  format: z.literal('csv', { error: 'only csv is supported' }).default('csv'),
});

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main() {
  const args = parseCliArgs(
    { 'as-of': { type: 'string' }, rules: { type: 'string' }, format: { type: 'string' } },
    argsSchema,
  );
  await withDatabase(1, async ({ db, sql }) => {
    const ruleSet = args.rules ? await getRuleSet(db, args.rules) : await getPublishedRuleSet(db);
    const asOf = new Date(args['as-of']);
    const rows = await writeStagesCsv(sql, { asOf, params: ruleSet.params }, process.stdout);
    console.error(`${rows} fans as of ${asOf.toISOString()} under rules v${ruleSet.version}`);
  });
}

runCli(main);
