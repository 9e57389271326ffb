import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import type { Role } from '../../../db/schema/accounts';
import { createUser } from '../../auth/users';
import { refreshGrowthRollups } from '../../growth/rollups';
import { ingestBatch, type FactInput } from '../../ingest';
import { refreshLifecycle } from '../../lifecycle/refresh';
import { sessionCookie } from '../../api/testing/call-route';

export const GROUP = -2001;
export const CHANNEL = -2002;
const dayMs = 86_400_000;

// 120 fans joined over 40 hours starting 20 days ago, three at each hour (ties to break).
// Fans whose number is not a multiple of 5 wrote a message 10 days ago; every tenth fan
// bought for as much as its number; fans 1–30 also joined the channel; 1–7 are tagged vip.
// Fan 1 is named like a spreadsheet formula (a CSV export must write it as text).
export const t0 = Math.floor((Date.now() - 20 * dayMs) / 3_600_000) * 3_600_000;
export const fans = Array.from({ length: 120 }, (_, i) => i + 1);
export const joinedAt = (fan: number) => new Date(t0 + (fan % 40) * 3_600_000);
export const formulaName = '=HYPERLINK("http://x","y")';
export const fanName = (fan: number) => (fan === 1 ? formulaName : `Fan ${fan}`);

/** The 120 fans above through the real ingest and lifecycle job; returns the channel's id. */
export async function seedSegmentFans(db: Database): Promise<{ channelId: number }> {
  const facts: FactInput[] = [
    { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Group' },
    { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Channel' },
  ];
  for (const fan of fans) {
    facts.push({ kind: 'fan', telegramUserId: fan, firstName: fanName(fan) });
    const join = (community: number): FactInput => ({
      kind: 'membership',
      sourceKey: `test:join:${community}:${fan}`,
      community,
      fan,
      action: 'join',
      at: joinedAt(fan),
      source: 'live',
    });
    facts.push(join(GROUP));
    if (fan <= 30) facts.push(join(CHANNEL));
    if (fan % 5 !== 0)
      facts.push({
        kind: 'event',
        sourceKey: `test:msg:${fan}`,
        community: GROUP,
        fan,
        type: 'message',
        at: new Date(t0 + 10 * dayMs),
      });
    if (fan % 10 === 0)
      facts.push({
        kind: 'purchase',
        sourceKey: `test:order:${fan}`,
        orderId: `o${fan}`,
        fan,
        amount: fan,
        currency: 'CNY',
        at: new Date(t0 + 11 * dayMs),
      });
  }
  await ingestBatch(db, facts);
  await refreshLifecycle(db, { asOf: new Date() });
  await refreshGrowthRollups(db);
  await db.execute(sql`insert into tags (name) values ('vip'), ('unused')`);
  await db.execute(sql`
    insert into fan_tags (fan_id, tag_id)
    select f.id, t.id from fans f, tags t where t.name = 'vip' and f.telegram_user_id <= 7`);
  const [row] = await db.execute<{ id: number }>(
    sql`select id from communities where telegram_id = ${CHANNEL}`,
  );
  return { channelId: row!.id };
}

/**
 * `count` more fans straight into the tables the segment query reads (no ingest: only the
 * size matters), Telegram ids from 1,000,000, all `active`.
 */
export async function seedManyFans(db: Database, count: number): Promise<void> {
  await db.execute(sql`
    with f as (
      insert into fans (telegram_user_id, first_name, last_name, username)
      select 1000000 + g, 'Bulk fan ' || g, 'with a long enough family name', 'bulk_' || g
      from generate_series(1, ${count}) g
      returning id
    ), ff as (
      insert into fan_features (fan_id, joined_at, last_engaged_at, first_window_engagements,
        window_engagements, window_messages, active_days, spend, left_all)
      select id, now() - make_interval(mins => id::int), now(), 1, 5, 3, 2, 12.5, false from f
      returning fan_id
    )
    insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
    select fan_id, 'active', 'activated', now(), now() from ff`);
}

/** A signed-in user of each role, as session cookies. */
export async function roleCookies(
  db: Database,
): Promise<Record<Role, string> & { ids: Record<Role, number> }> {
  const roles: Role[] = ['admin', 'operator', 'growth', 'support'];
  const cookies = {} as Record<Role, string>;
  const ids = {} as Record<Role, number>;
  for (const role of roles) {
    const user = await createUser(db, {
      email: `${role}@segments.test`,
      name: role,
      password: 'long-enough-pass',
      role,
    });
    cookies[role] = await sessionCookie(user);
    ids[role] = user.id;
  }
  return { ...cookies, ids };
}
