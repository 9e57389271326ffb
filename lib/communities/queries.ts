import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { communities } from '../../db/schema';
import type { GetCommunitySummaryParams, GetEngagementsPerDayParams } from './schemas';
import type { CommunityListItem, CommunitySummary, EngagementDay } from './types';

// Plain functions over a passed-in db, free of `server-only`, so Next, the workers and the
// bench share one definition of each number.

export async function listCommunities(db: Database): Promise<CommunityListItem[]> {
  return db
    .select({
      id: communities.id,
      title: communities.title,
      username: communities.username,
      kind: communities.kind,
      timeZone: communities.timeZone,
      linkedCommunityId: communities.linkedCommunityId,
    })
    .from(communities)
    .orderBy(asc(communities.id));
}

type SummaryRow = Omit<CommunitySummary, 'linkedCommunity'> & {
  linkedId: number | null;
  linkedTitle: string | null;
};

/** The community's headline numbers, or null when no community has that id. */
export async function getCommunitySummary(
  db: Database,
  { communityId }: GetCommunitySummaryParams,
): Promise<CommunitySummary | null> {
  // Every event adds a fan_daily row in the same transaction, so fan_daily (small, indexed
  // by community) stands in for events when counting the fans who did anything.
  const [row] = await db.execute<SummaryRow>(sql`
    select c.id, c.title, c.username, c.kind, c.time_zone as "timeZone",
      l.id as "linkedId", l.title as "linkedTitle",
      (select count(*) from (
        select fan_id from fan_daily where community_id = c.id
        union
        select fan_id from memberships where community_id = c.id
      ) f)::int8 as fans,
      p.posts, p.views,
      (select coalesce(sum(engagements), 0) from fan_daily where community_id = c.id)::int8
        as engagements
    from communities c
    left join lateral (
      select id, title from communities o
      where o.id = c.linked_community_id or o.linked_community_id = c.id
      order by (o.id = c.linked_community_id) desc, o.id
      limit 1
    ) l on true
    cross join lateral (
      select count(*)::int8 as posts, coalesce(sum(views), 0)::int8 as views
      from posts where community_id = c.id
    ) p
    where c.id = ${communityId}`);
  if (!row) return null;
  const { linkedId, linkedTitle, ...summary } = row;
  return {
    ...summary,
    linkedCommunity: linkedId === null ? null : { id: linkedId, title: linkedTitle ?? '' },
  };
}

/**
 * Engagement per calendar day (in the community's zone) from `from` to `to` inclusive,
 * days without activity as zeros; null when no community has that id. Expects from <= to
 * (the params schema checks it).
 */
export async function getEngagementsPerDay(
  db: Database,
  { communityId, from, to }: GetEngagementsPerDayParams,
): Promise<EngagementDay[] | null> {
  // Pick makes a plain object type, which execute's Record<string, unknown> bound accepts.
  const rows = await db.execute<Pick<EngagementDay, keyof EngagementDay>>(sql`
    with c as (select id from communities where id = ${communityId}),
    per_day as (
      select day, sum(engagements) as engagements, sum(messages) as messages,
        sum(reactions) as reactions, count(*) filter (where engagements > 0) as active_fans
      from fan_daily
      where community_id = ${communityId} and day between ${from}::date and ${to}::date
      group by day
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
      coalesce(p.engagements, 0)::int8 as engagements,
      coalesce(p.messages, 0)::int8 as messages,
      coalesce(p.reactions, 0)::int8 as reactions,
      coalesce(p.active_fans, 0)::int8 as "activeFans"
    from c
    cross join generate_series(${from}::date, ${to}::date, interval '1 day') as d(day)
    left join per_day p on p.day = d.day::date
    order by d.day`);
  return rows.length === 0 ? null : [...rows];
}
