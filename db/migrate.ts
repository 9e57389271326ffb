import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Several processes may start at once; an advisory lock on the single connection
// makes them apply migrations one after another instead of racing.
export async function runMigrations(url: string): Promise<void> {
  const { db, sql, close } = createDb({ url, max: 1 });
  try {
    await sql`select pg_advisory_lock(727274)`;
    await migrate(db, { migrationsFolder });
  } finally {
    await sql`select pg_advisory_unlock(727274)`.catch(() => {});
    await close();
  }
}
