import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { getPublishedRuleSet, getRuleSet } from '../lib/lifecycle/rule-sets';
import { writeStagesCsv } from '../lib/lifecycle/stages-csv';

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
  const { values } = parseArgs({
    options: { 'as-of': { type: 'string' }, rules: { type: 'string' }, format: { type: 'string' } },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const server = await resolveDatabase();
  try {
    await runMigrations(server.url);
    const { db, sql, close } = createDb({ url: server.url, max: 1 });
    try {
      const { rules } = parsed.data;
      const ruleSet = rules ? await getRuleSet(db, rules) : await getPublishedRuleSet(db);
      const asOf = new Date(parsed.data['as-of']);
      const rows = await writeStagesCsv(sql, { asOf, params: ruleSet.params }, process.stdout);
      console.error(`${rows} fans as of ${asOf.toISOString()} under rules v${ruleSet.version}`);
    } finally {
      await close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
