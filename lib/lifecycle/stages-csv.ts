import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Sql } from '../../db/client';
import { writeQueryCsv } from '../csv/query-csv';
import { featureColumns, lifecycleSettings, stagesQuery } from './stages';
import type { RuleParams } from './rule-params';

export const stagesCsvColumns = ['telegram_user_id', 'fan_id', 'stage', 'rule', ...featureColumns];

/**
 * One CSV row per fan with its stage as of `asOf` under `params` and the deciding
 * features. An erased fan keeps its row (its stage still counts) with no Telegram id: the
 * stored one is a stand-in.
 */
export async function writeStagesCsv(
  client: Sql,
  { asOf, params }: { asOf: Date; params: RuleParams },
  out: Writable,
): Promise<number> {
  const query = sql`
    select case when f.erased_at is null then f.telegram_user_id end as telegram_user_id,
      s.fan_id, s.stage, s.rule,
      ${sql.raw(featureColumns.map((c) => (c.endsWith('_at') ? `to_json(s.${c}) #>> '{}' as ${c}` : `s.${c}`)).join(', '))}
    from (${stagesQuery(asOf, params)}) s join fans f on f.id = s.fan_id
    order by f.telegram_user_id`;
  return writeQueryCsv(
    client,
    { query, columns: stagesCsvColumns, settings: lifecycleSettings },
    out,
  );
}
