import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createDb } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';
import { seedDemo } from '../lib/demo/seed-demo';
import { writeExport } from '../lib/demo/export-writer';
import { generateHistory } from '../lib/demo/generate-history';

// npm run generate -- --fans <N> --seed <S> [--end <ISO time>] [--days 120] [--export <file>]
const argsSchema = z.object({
  fans: z.coerce.number().int().min(1).max(5_000_000),
  seed: z.coerce.number().int().min(0).default(1),
  days: z.coerce.number().int().min(1).max(3650).default(120),
  end: z.coerce.date().default(() => new Date()),
  export: z.string().min(1).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      fans: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      end: { type: 'string' },
      export: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const options = {
    ...parsed.data,
    end: new Date(Math.floor(parsed.data.end.getTime() / 1000) * 1000),
  };
  const started = Date.now();
  if (options.export) {
    const summary = await writeExport(generateHistory(options), options.export);
    console.log(JSON.stringify({ file: options.export, ...summary, ms: Date.now() - started }));
    return;
  }
  const server = await resolveDatabase();
  try {
    await runMigrations(server.url);
    const { db, close } = createDb({ url: server.url, max: 2 });
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
    await close();
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
