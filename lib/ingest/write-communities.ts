import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { FactOf } from './facts';
import { jsonRows, lastByKey } from './sql-json';

/**
 * Creates or renames communities. The time zone is taken only when a community is first
 * seen: fan_daily's days are counted in it, so changing it later is a settings action
 * that rebuilds the rollup, not a side effect of a sync.
 */
export async function upsertCommunities(
  tx: Executor,
  facts: FactOf<'community'>[],
): Promise<number> {
  if (facts.length === 0) return 0;
  const rows = lastByKey(facts, (f) => f.telegramId).map((f) => ({
    telegram_id: f.telegramId,
    kind: f.type,
    title: f.title,
    username: f.username ?? null,
    linked: f.linkedTelegramId ?? null,
    time_zone: f.timeZone ?? 'UTC',
  }));
  const changed = await tx.execute<{ id: number }>(sql`
    insert into communities (telegram_id, kind, title, username, time_zone)
    select r.telegram_id, r.kind::community_kind, r.title, r.username, r.time_zone
    from jsonb_to_recordset(${jsonRows(rows)})
      as r(telegram_id bigint, kind text, title text, username text, time_zone text)
    on conflict (telegram_id) do update
      set kind = excluded.kind, title = excluded.title, username = excluded.username
      where (communities.kind, communities.title, communities.username)
        is distinct from (excluded.kind, excluded.title, excluded.username)
    returning id`);
  await tx.execute(sql`
    update communities c set linked_community_id = l.id
    from jsonb_to_recordset(${jsonRows(rows)}) as r(telegram_id bigint, linked bigint)
    join communities l on l.telegram_id = r.linked
    where c.telegram_id = r.telegram_id and c.linked_community_id is distinct from l.id`);
  return changed.length;
}
