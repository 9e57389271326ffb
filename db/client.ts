import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;

export interface DbHandle {
  db: Database;
  sql: Sql;
  close: () => Promise<void>;
}

export interface DbOptions {
  url: string;
  max?: number;
  /** Session settings sent on connect (timeouts, application_name). */
  connection?: Record<string, string | number | boolean>;
}

export function createDb({ url, max = 10, connection }: DbOptions): DbHandle {
  const sql = postgres(url, {
    max,
    connection,
    onnotice: () => {},
    // int8 comes back as a JS number: every id and count we store is below 2^53.
    types: {
      int8: {
        to: 20,
        from: [20],
        serialize: (v: number) => String(v),
        parse: (v: string) => Number(v),
      },
    },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** A database or an open transaction: writers take either, so callers choose the boundary. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];
