import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';
import { applyDefinitions, type DefinitionsReport } from './sql-definitions/apply-definitions';
import { definitionsFolder, readDefinitions } from './sql-definitions/read-definitions';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Several processes may start at once; an advisory lock on the single connection
// makes them apply migrations one after another instead of racing. The functions and views
// of db/sql come after the migrations (they read the tables those make), under the same lock.
export async function runMigrations(
  url: string,
  options: { definitionsFolder?: string } = {},
): Promise<DefinitionsReport> {
  const definitions = readDefinitions(options.definitionsFolder ?? definitionsFolder);
  const { db, sql, close } = createDb({ url, max: 1 });
  try {
    await sql`select pg_advisory_lock(727274)`;
    await migrate(db, { migrationsFolder });
    return await applyDefinitions(sql, definitions);
  } finally {
    await sql`select pg_advisory_unlock(727274)`.catch(() => {});
    await close();
  }
}
