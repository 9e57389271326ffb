import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';

/** Every recorded change, by the fan's Telegram id: comparable across databases and runs. */
export async function historyRows(db: Database) {
  return db.execute<{
    fan: string;
    from: string | null;
    to: string;
    at: string;
    version: number;
  }>(sql`
    select f.telegram_user_id::text as fan, h.from_stage as from, h.to_stage as to,
      to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
      h.rule_set_version as version
    from fan_stage_history h join fans f on f.id = h.fan_id
    order by f.telegram_user_id, h.changed_at`);
}
