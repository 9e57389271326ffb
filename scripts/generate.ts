import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { seedDemo } from '../lib/demo/seed-demo';
import { writeExport } from '../lib/demo/export-writer';
import { generateHistory } from '../lib/demo/generate-history';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run generate -- --fans <N> --seed <S> [--end <ISO time>] [--days 120] [--export <file>]
const argsSchema = z.object({
  fans: z.coerce.number().int().min(1).max(5_000_000),
  seed: z.coerce.number().int().min(0).default(1),
  days: z.coerce.number().int().min(1).max(3650).default(120),
  end: z.coerce.date().default(() => new Date()),
  export: z.string().min(1).optional(),
});

async function main() {
  const args = parseCliArgs(
    {
      fans: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      end: { type: 'string' },
      export: { type: 'string' },
    },
    argsSchema,
  );
  const options = { ...args, end: new Date(Math.floor(args.end.getTime() / 1000) * 1000) };
  const started = Date.now();
  if (options.export) {
    const summary = await writeExport(generateHistory(options), options.export);
    console.log(JSON.stringify({ file: options.export, ...summary, ms: Date.now() - started }));
    return;
  }
  await withDatabase(2, async ({ db }) => {
    let last = 0;
    await seedDemo(db, {
      ...options,
      onProgress: ({ events }) => {
        if (events - last >= 100_000) console.error(`${(last = events)} events…`);
      },
    });
    const [counts] = await db.execute(
      sql`select (select count(*) from fans) as fans,
        (select count(*) from events) as events, (select count(*) from posts) as posts,
        (select count(*) from purchases) as purchases`,
    );
    console.log(JSON.stringify({ ...counts, ms: Date.now() - started }));
  });
}

runCli(main);
