import { z } from 'zod';
import { refreshGrowthRollups } from '../lib/growth/rollups';
import { refreshLifecycle } from '../lib/lifecycle/refresh';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run lifecycle [-- --full]
// Runs the lifecycle work that is due once and exits: every queued history replay (all
// fans after a publish, a time-zone change or a new engine; with --full, all of them from
// their first fact), the stage changes whose time has come, the stored features, then the
// growth charts' rollups. DATABASE_URL's database, else the embedded one.
const argsSchema = z.object({ full: z.boolean().default(false) });

async function main() {
  const { full } = parseCliArgs({ full: { type: 'boolean' } }, argsSchema);
  await withDatabase(2, async ({ db }) => {
    const started = performance.now();
    const result = await refreshLifecycle(db, { full });
    const rollups = await refreshGrowthRollups(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${result.fans} fans replayed${result.mode === 'full' ? ' (every fan)' : ''}, ` +
        `${result.changes} stage changes recorded, rules v${result.ruleSetVersion}, ` +
        `as of ${result.asOf.toISOString()}; ${rollups.length} chart rollups refreshed; ${seconds} s`,
    );
    if (result.queued > 0) console.log(`${result.queued} fans still queued (new facts meanwhile)`);
  });
}

runCli(main);
