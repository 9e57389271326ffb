import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../../db/client';
import { csvStream } from '../csv/csv-writer';
import { featureColumns, lifecycleSettings, stagesQuery } from './stages';
import type { RuleParams } from './rule-params';

export const stagesCsvColumns = ['telegram_user_id', 'fan_id', 'stage', 'rule', ...featureColumns];

/**
 * One CSV row per fan with its stage as of `asOf` under `params` and the deciding
 * features, streamed from a cursor so a million fans never sit in memory. An erased fan
 * keeps its row (its stage still counts) with no Telegram id: the stored one is a stand-in.
 */
export async function writeStagesCsv(
  client: Sql,
  { asOf, params }: { asOf: Date; params: RuleParams },
  out: Writable,
): Promise<number> {
  const query = new PgDialect().sqlToQuery(sql`
    select case when f.erased_at is null then f.telegram_user_id end as telegram_user_id,
      s.fan_id, s.stage, s.rule,
      ${sql.raw(featureColumns.map((c) => (c.endsWith('_at') ? `to_json(s.${c}) #>> '{}' as ${c}` : `s.${c}`)).join(', '))}
    from (${stagesQuery(asOf, params)}) s join fans f on f.id = s.fan_id
    order by f.telegram_user_id`);
  let rows = 0;
  await client.begin(async (tx) => {
    for (const setting of lifecycleSettings) await tx.unsafe(setting);
    const csv = csvStream(stagesCsvColumns);
    const done = pipeline(csv, out, { end: false });
    for await (const batch of tx.unsafe(query.sql, query.params as never[]).cursor(2000)) {
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
