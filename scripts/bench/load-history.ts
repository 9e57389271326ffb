import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify, type Stringifier } from 'csv-stringify';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { generateHistory } from '../../lib/demo/generate-history';
import { saveDemoCursor } from '../../lib/demo/seed-demo';
import { DAY_MS } from '../../lib/demo/world';
import { ingestBatch, type Fact } from '../../lib/ingest';
import { fanDailyRows } from '../../lib/ingest/fan-daily-rows';

// Bench data at a million fans in minutes: the demo generator's facts go by COPY into
// staging tables and then into the real tables in a few set-wise statements, with the
// same fan_daily roll-up ingest uses; a key seen twice counts once, as in ingest. Small facts (communities, posts) take the ingest path.

const staging = [
  sql`create unlogged table st_fan (telegram_user_id bigint, username text, first_name text,
    last_name text, language_code text)`,
  sql`create unlogged table st_event (source_key text, community bigint, fan bigint,
    type event_type, at timestamptz, payload jsonb)`,
  sql`create unlogged table st_membership (source_key text, community bigint, fan bigint,
    action membership_action, at timestamptz, invited_by bigint, source membership_source)`,
  sql`create unlogged table st_purchase (source_key text, order_id text, fan bigint,
    community bigint, amount numeric, currency text, at timestamptz)`,
];

const moves = [
  sql`insert into fans (telegram_user_id, username, first_name, last_name, language_code,
      first_seen_at)
    select ids.tg, p.username, p.first_name, p.last_name, p.language_code, ids.seen
    from (
      select tg, min(at) as seen from (
        select fan as tg, at from st_event union all
        select fan, at from st_membership union all
        select invited_by, null from st_membership where invited_by is not null union all
        select fan, at from st_purchase union all
        select telegram_user_id, null from st_fan) x
      group by tg) ids
    left join (select distinct on (telegram_user_id) * from st_fan) p
      on p.telegram_user_id = ids.tg
    order by ids.seen nulls last`,
  sql`insert into events (source_key, fan_id, community_id, type, occurred_at, payload)
    select s.source_key, f.id, c.id, s.type, s.at, s.payload
    from (select distinct on (source_key) * from st_event order by source_key, at) s join fans f on f.telegram_user_id = s.fan
    join communities c on c.telegram_id = s.community
    order by s.at`,
  sql`insert into memberships (source_key, fan_id, community_id, action, occurred_at,
      invited_by_fan_id, source)
    select s.source_key, f.id, c.id, s.action, s.at, i.id, s.source
    from (select distinct on (source_key) * from st_membership order by source_key, at) s join fans f on f.telegram_user_id = s.fan
    join communities c on c.telegram_id = s.community
    left join fans i on i.telegram_user_id = s.invited_by
    order by s.at`,
  sql`insert into purchases (source_key, order_id, fan_id, community_id, amount, currency,
      occurred_at)
    select s.source_key, s.order_id, f.id, c.id, s.amount, s.currency, s.at
    from (select distinct on (source_key) * from st_purchase order by source_key, at) s join fans f on f.telegram_user_id = s.fan
    left join communities c on c.telegram_id = s.community
    order by s.at`,
  sql`insert into fan_daily (fan_id, community_id, day, engagements, messages, reactions,
      poll_votes, clicks, bot_actions, invites, first_at, last_at)
    ${fanDailyRows(sql`events`)}`,
  sql`drop table st_fan, st_event, st_membership, st_purchase`,
];

const bulkTables = ['events', 'fan_daily', 'memberships', 'purchases'];

/**
 * Drops the big tables' secondary indexes and foreign keys before the set-wise inserts and
 * returns the statements that rebuild them exactly, as pg_restore does: one sorted index
 * build is far cheaper than millions of index insertions.
 */
async function dropBulkIndexes(handle: DbHandle): Promise<string[]> {
  const rows = await handle.sql<{ drop: string; create: string }[]>`
    select format('alter table %I drop constraint %I', c.conrelid::regclass, c.conname) as drop,
      format('alter table %I add constraint %I %s', c.conrelid::regclass, c.conname,
        pg_get_constraintdef(c.oid)) as create
    from pg_constraint c
    where c.conrelid::regclass::text = any(${bulkTables}) and c.contype in ('f', 'u')
    union all
    select format('drop index %I', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
    from pg_index i
    where i.indrelid::regclass::text = any(${bulkTables}) and not i.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const row of rows) await handle.sql.unsafe(row.drop);
  return rows.map((r) => r.create);
}

interface CopyTarget {
  csv: Stringifier;
  done: Promise<unknown>;
}

async function copyInto(handle: DbHandle, table: string): Promise<CopyTarget> {
  const stream: Writable = await handle.sql
    .unsafe(`copy ${table} from stdin (format csv)`)
    .writable();
  const csv = stringify({ cast: { date: (d) => d.toISOString() } });
  csv.pipe(stream);
  return { csv, done: once(stream, 'finish') };
}

async function write(target: CopyTarget, row: unknown[]): Promise<void> {
  if (!target.csv.write(row)) await once(target.csv, 'drain');
}

/** Loads the demo history for `fans` fans into an empty, migrated database. */
export async function loadHistory(
  handle: DbHandle,
  { fans, seed, end }: { fans: number; seed: number; end: Date },
): Promise<{ events: number }> {
  for (const statement of staging) await handle.db.execute(statement);
  const targets = {
    fan: await copyInto(handle, 'st_fan'),
    event: await copyInto(handle, 'st_event'),
    membership: await copyInto(handle, 'st_membership'),
    purchase: await copyInto(handle, 'st_purchase'),
  };
  const small: Fact[] = [];
  let events = 0;
  const history = generateHistory({ fans, seed, end, batchSize: 50_000 });
  for (const batch of history.batches)
    for (const f of batch)
      if (f.kind === 'fan')
        await write(targets.fan, [
          f.telegramUserId,
          f.username,
          f.firstName,
          f.lastName,
          f.languageCode,
        ]);
      else if (f.kind === 'event') {
        events++;
        await write(targets.event, [
          f.sourceKey,
          f.community,
          f.fan,
          f.type,
          f.at,
          f.payload ? JSON.stringify(f.payload) : null,
        ]);
      } else if (f.kind === 'membership')
        await write(targets.membership, [
          f.sourceKey,
          f.community,
          f.fan,
          f.action,
          f.at,
          f.invitedBy,
          f.source,
        ]);
      else if (f.kind === 'purchase')
        await write(targets.purchase, [
          f.sourceKey,
          f.orderId,
          f.fan,
          f.community,
          f.amount,
          f.currency,
          f.at,
        ]);
      else small.push(f);
  for (const target of Object.values(targets)) {
    target.csv.end();
    await target.done;
  }
  for (let i = 0; i < small.length; i += 5000)
    await ingestBatch(handle.db, small.slice(i, i + 5000));
  const rebuild = await dropBulkIndexes(handle);
  for (const statement of moves) await handle.db.execute(statement);
  for (const statement of rebuild) await handle.sql.unsafe(statement);
  await handle.db.execute(sql`vacuum analyze`);
  // Where the world carries on, as the live demo source would: the bench's new events.
  await saveDemoCursor(handle.db, {
    fans,
    seed,
    end: end.toISOString(),
    days: Math.round((history.world.end - history.world.start) / DAY_MS),
    lastTickAt: end.toISOString(),
    state: history.state,
  });
  return { events };
}
