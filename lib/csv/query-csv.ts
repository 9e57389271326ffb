import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../../db/client';
import { csvStream } from './csv-writer';

/**
 * Streams a query's rows to `out` as CSV from a cursor, so a million rows never sit in
 * memory; `settings` are run first in the same transaction. Returns the rows written.
 */
export async function writeQueryCsv(
  client: Sql,
  {
    query,
    columns,
    settings = [],
  }: { query: SQL; columns: readonly string[]; settings?: readonly string[] },
  out: Writable,
): Promise<number> {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  let rows = 0;
  await client.begin(async (tx) => {
    for (const setting of settings) await tx.unsafe(setting);
    const csv = csvStream(columns);
    const done = pipeline(csv, out, { end: false });
    for await (const batch of tx.unsafe(text, params as never[]).cursor(2000)) {
      for (const row of batch) {
        rows++;
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
    }
    csv.end();
    await done;
  });
  return rows;
}
