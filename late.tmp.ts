import { sql } from 'drizzle-orm';
import { createDb } from './db/client';
import { ingestBatch } from './lib/ingest';
import { refreshLifecycle } from './lib/lifecycle/refresh';
const h = createDb({ url: `postgres://postgres@127.0.0.1:5432/${process.argv[2]}` });
const db = h.db;
const fans = await db.execute<{ telegram_user_id: string; community: string; at: string }>(sql`
    select f.telegram_user_id::text, c.telegram_id::text as community,
      greatest(h.last_at - interval '1 day', f.first_seen_at)::text as at
    from (
      select fan_id, max(changed_at) as last_at from fan_stage_history
      where fan_id % 50 = 0 group by fan_id limit 1000) h
    join fans f on f.id = h.fan_id
    join lateral (select community_id from fan_daily d where d.fan_id = f.id limit 1) d on true
    join communities c on c.id = d.community_id`);
await ingestBatch(db, fans.map((f, i) => ({ kind: 'event' as const, sourceKey: `late:${i}:${f.telegram_user_id}`, type: 'reaction' as const, community: Number(f.community), fan: Number(f.telegram_user_id), at: new Date(f.at) })));
const [row] = await db.execute<{ at: string }>(sql`select refreshed_at::text as at from lifecycle_state`);
const t = performance.now();
const r = await refreshLifecycle(db, { asOf: new Date(row!.at) });
console.log(process.argv[2], 'late refresh s', (performance.now() - t) / 1000, r.fans, r.changes);
process.exit(0);
