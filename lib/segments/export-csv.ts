import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../../db/client';
import type { SegmentFilters } from './filters';
import { resolveFilters, segmentRowsQuery, toSegmentFan } from './query';
import { drizzle } from 'drizzle-orm/postgres-js';

export const segmentCsvColumns = [
  'telegram_user_id',
  'fan_id',
  'name',
  'username',
  'stage',
  'joined_at',
  'last_engaged_at',
  'spend',
  'window_engagements',
  'active_days',
  'tags',
];

/**
 * Every fan of the segment as CSV, in the browser's sort order, read through a cursor 2,000
 * rows at a time and written with backpressure, so a million rows never sit in memory.
 * Filters are resolved first: an unknown tag throws before anything is written.
 */
export async function writeSegmentCsv(
  client: Sql,
  filters: SegmentFilters,
  out: Writable,
): Promise<number> {
  const resolved = await resolveFilters(drizzle(client), filters);
  const query = new PgDialect().sqlToQuery(segmentRowsQuery(resolved, {}));
  const csv = stringify({ header: true, columns: segmentCsvColumns });
  csv.pipe(out);
  let rows = 0;
  for await (const batch of client.unsafe(query.sql, query.params as never[]).cursor(2000)) {
    for (const row of batch) {
      const fan = toSegmentFan(row as unknown as Parameters<typeof toSegmentFan>[0]);
      rows++;
      const ok = csv.write([
        fan.telegramUserId,
        fan.fanId,
        fan.name,
        fan.username,
        fan.stage,
        fan.joinedAt,
        fan.lastEngagedAt,
        fan.spend,
        fan.windowEngagements,
        fan.activeDays,
        fan.tags.join(' '),
      ]);
      if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await new Promise((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  return rows;
}
