import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { createDb, type DbHandle } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { runMigrations } from '../db/migrate';

/** Parses --flags with `schema`; on bad input prints one line per flag and exits with 2. */
export function parseCliArgs<S extends z.ZodType>(
  options: ParseArgsConfig['options'],
  schema: S,
  args?: string[],
): z.infer<S> {
  const { values } = parseArgs({ options, args });
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    console.error(`--${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}

/**
 * Parses positional arguments, named in order, with `schema` (an object of those names);
 * on a missing or extra one prints `usage`, on bad input one line per argument, and exits with 2.
 */
export function parseCliPositionals<S extends z.ZodType>(
  names: readonly string[],
  schema: S,
  args: string[],
  usage: string,
): z.infer<S> {
  if (args.length !== names.length) {
    console.error(usage);
    process.exit(2);
  }
  const parsed = schema.safeParse(Object.fromEntries(names.map((name, i) => [name, args[i]])));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    console.error(`<${issue.path.join('.')}>: ${issue.message}`);
  process.exit(2);
}

/** Runs `work` on the migrated database (DATABASE_URL, else embedded), then lets it go. */
export async function withDatabase<T>(
  max: number,
  work: (handle: DbHandle) => Promise<T>,
): Promise<T> {
  const server = await resolveDatabase();
  try {
    await runMigrations(server.url);
    const handle = createDb({ url: server.url, max });
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  } finally {
    await server.stop();
  }
}

/** Runs a command's main; a failure prints its message (and cause) and exits with 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (!(error instanceof Error)) console.error(error);
    else console.error(error.cause ? `${error.message}\n${String(error.cause)}` : error.message);
    process.exit(1);
  });
}

/** Prints rows as a plain table: columns padded to their widest cell, two spaces apart. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}
