import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Sql } from '../../db/client';
import { writeQueryCsv } from '../csv/query-csv';

export const historyCsvColumns = [
  'telegram_user_id',
  'fan_id',
  'from_stage',
  'to_stage',
  'changed_at',
  'rule_set_version',
  'rule',
];

/**
 * Every recorded stage change, oldest first per fan: `from_stage` empty on a fan's first
 * row, `changed_at` in ISO 8601 UTC. An erased fan keeps its rows without its Telegram id.
 */
export async function writeHistoryCsv(client: Sql, out: Writable): Promise<number> {
  const query = sql`
    select case when f.erased_at is null then f.telegram_user_id end as telegram_user_id,
      h.fan_id, h.from_stage, h.to_stage,
      to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as changed_at,
      h.rule_set_version, h.features->>'rule' as rule
    from fan_stage_history h join fans f on f.id = h.fan_id
    order by f.telegram_user_id, h.fan_id, h.changed_at, h.id`;
  return writeQueryCsv(client, { query, columns: historyCsvColumns }, out);
}
