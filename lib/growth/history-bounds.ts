import { sql } from 'drizzle-orm';

/**
 * Until when the stage history is complete: the lifecycle job's last refresh (the latest
 * change, before its first). The charts leave out what comes after.
 */
export const historyCompleteAt = sql`coalesce((select refreshed_at from lifecycle_state),
  (select max(changed_at) from fan_stage_history))`;
