import { sql, type SQL } from 'drizzle-orm';

/**
 * Events (fan_id, community_id, type, occurred_at) from `source` rolled up per fan,
 * community and calendar day in the community's time zone: the rows of fan_daily.
 */
export function fanDailyRows(source: SQL): SQL {
  return sql`
    select e.fan_id, e.community_id,
      (e.occurred_at at time zone c.time_zone)::date as day,
      count(*) as engagements,
      count(*) filter (where e.type in ('message', 'reply')) as messages,
      count(*) filter (where e.type = 'reaction') as reactions,
      count(*) filter (where e.type = 'poll_vote') as poll_votes,
      count(*) filter (where e.type = 'link_click') as clicks,
      count(*) filter (where e.type = 'bot_interaction') as bot_actions,
      count(*) filter (where e.type = 'invite') as invites,
      min(e.occurred_at) as first_at,
      max(e.occurred_at) as last_at
    from ${source} e join communities c on c.id = e.community_id
    group by 1, 2, 3`;
}
