import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../../db/schema';
import { FanError } from './errors';
import { listFanTags, type FanTag } from './tags';

/** Enough of a fan to name it: "First Last", "@username", "Erased fan #id". */
export interface FanRef {
  id: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  erased: boolean;
}

export interface MembershipRecord {
  id: number;
  action: 'join' | 'leave';
  at: string;
  source: string;
  invitedBy: FanRef | null;
  inviteLink: string | null;
}

export interface CommunityMembership {
  communityId: number;
  title: string;
  kind: 'channel' | 'group' | 'supergroup';
  /** The latest record: still a member after a join, gone after a leave. */
  current: 'join' | 'leave';
  /** Joins and leaves, newest first. */
  records: MembershipRecord[];
}

export interface FanProfile extends FanRef {
  /** Null once the fan was erased. */
  telegramUserId: number | null;
  languageCode: string | null;
  isBot: boolean;
  firstSeenAt: string | null;
  erasedAt: string | null;
  externalIds: { system: string; externalId: string }[];
  /** The stage the lifecycle job last decided, null before its first pass over the fan. */
  stage: { stage: Stage; rule: string; since: string; updatedAt: string } | null;
  memberships: CommunityMembership[];
  tags: FanTag[];
}

export const isoUtc = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** Throws FanError('not_found') unless the fan exists; for writers, locks its row. */
export async function assertFan(
  db: Executor,
  fanId: number,
  { lock = false }: { lock?: boolean } = {},
): Promise<{ erased: boolean }> {
  const [row] = await db.execute<{ erased: boolean }>(
    sql`select erased_at is not null as erased from fans where id = ${fanId} ${lock ? sql`for update` : sql``}`,
  );
  if (!row) throw new FanError('not_found', `No fan #${fanId}`);
  return { erased: row.erased };
}

/** The fan's profile, external ids, memberships per community, stage and tags. */
export async function getFanProfile(db: Executor, fanId: number): Promise<FanProfile> {
  const [fan] = await db.execute<{
    id: number;
    telegram_user_id: number;
    username: string | null;
    first_name: string | null;
    last_name: string | null;
    language_code: string | null;
    is_bot: boolean;
    first_seen_at: string | null;
    erased_at: string | null;
    stage: Stage | null;
    rule: string | null;
    since: string | null;
    updated_at: string | null;
  }>(sql`
    select f.id, f.telegram_user_id, f.username, f.first_name, f.last_name, f.language_code,
      f.is_bot, ${isoUtc('f.first_seen_at')} as first_seen_at, ${isoUtc('f.erased_at')} as erased_at,
      l.stage, l.rule, ${isoUtc('l.since')} as since, ${isoUtc('l.updated_at')} as updated_at
    from fans f left join fan_lifecycle l on l.fan_id = f.id
    where f.id = ${fanId}`);
  if (!fan) throw new FanError('not_found', `No fan #${fanId}`);

  const [externalIds, records, tags] = await Promise.all([
    db.execute<{ system: string; external_id: string }>(
      sql`select 'shop' as system, customer_key as external_id from customers
        where fan_id = ${fanId} and customer_key not like 'erased:%' order by customer_key`,
    ),
    db.execute<{
      id: number;
      community_id: number;
      title: string;
      kind: CommunityMembership['kind'];
      action: 'join' | 'leave';
      at: string;
      source: string;
      invite_link: string | null;
      inviter_id: number | null;
      inviter_username: string | null;
      inviter_first_name: string | null;
      inviter_last_name: string | null;
      inviter_erased: boolean | null;
    }>(sql`
      select m.id, m.community_id, c.title, c.kind, m.action, ${isoUtc('m.occurred_at')} as at,
        m.source, m.invite_link, i.id as inviter_id, i.username as inviter_username,
        i.first_name as inviter_first_name, i.last_name as inviter_last_name,
        i.erased_at is not null as inviter_erased
      from memberships m
        join communities c on c.id = m.community_id
        left join fans i on i.id = m.invited_by_fan_id
      where m.fan_id = ${fanId}
      order by c.title, c.id, m.occurred_at desc, m.id desc`),
    listFanTags(db, fanId),
  ]);

  const memberships: CommunityMembership[] = [];
  for (const r of records) {
    let community = memberships.at(-1);
    if (community?.communityId !== Number(r.community_id)) {
      community = {
        communityId: Number(r.community_id),
        title: r.title,
        kind: r.kind,
        current: r.action,
        records: [],
      };
      memberships.push(community);
    }
    community.records.push({
      id: Number(r.id),
      action: r.action,
      at: r.at,
      source: r.source,
      inviteLink: r.invite_link,
      invitedBy:
        r.inviter_id === null
          ? null
          : {
              id: Number(r.inviter_id),
              username: r.inviter_username,
              firstName: r.inviter_first_name,
              lastName: r.inviter_last_name,
              erased: Boolean(r.inviter_erased),
            },
    });
  }

  const erased = fan.erased_at !== null;
  return {
    id: Number(fan.id),
    telegramUserId: erased ? null : Number(fan.telegram_user_id),
    username: fan.username,
    firstName: fan.first_name,
    lastName: fan.last_name,
    languageCode: fan.language_code,
    isBot: fan.is_bot,
    firstSeenAt: fan.first_seen_at,
    erasedAt: fan.erased_at,
    erased,
    externalIds: externalIds.map((e) => ({ system: e.system, externalId: e.external_id })),
    stage:
      fan.stage && fan.rule && fan.since && fan.updated_at
        ? { stage: fan.stage, rule: fan.rule, since: fan.since, updatedAt: fan.updated_at }
        : null,
    memberships,
    tags,
  };
}
