import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { addDays } from '../communities/dates';
import type { GrowthFilters } from '../growth/filters';
import { stages, type Stage } from '../lifecycle/stage-names';
import { stageCountsPerDay, type StageDay } from '../history/stage-counts';

/**
 * Keeps the fans present in one community (0: every fan). Two statements rather than
 * `0 = $1 or exists (…)`, which the planner cannot turn into a join.
 */
function inCommunity(communityId: number, fanId: SQL): SQL {
  return communityId === 0
    ? sql``
    : sql`where exists (select 1 from fan_presence p
        where p.fan_id = ${fanId} and p.community_id = ${communityId})`;
}

export interface StageNow {
  stage: Stage;
  now: number;
  /** At the end of the day 7 / 30 days before today (community zone); null when not counted. */
  weekAgo: number | null;
  monthAgo: number | null;
}

export interface StageSummary {
  stages: StageNow[];
  /** When the lifecycle job last decided the stages. */
  refreshedAt: string | null;
}

/** Fans per stage now in one community (0: all, each fan once), with the counts 7 and 30 days ago. */
export async function getStageSummary(
  db: Database,
  { communityId }: Pick<GrowthFilters, 'communityId'>,
): Promise<StageSummary> {
  const rows = await db.execute<{
    stage: Stage;
    now: number;
    week_ago: number | null;
    month_ago: number | null;
  }>(sql`
    with today as (
      select (now() at time zone coalesce(
        (select time_zone from communities where id = ${communityId}), 'UTC'))::date as d
    ), changes as (
      select c.stage, c.day, c.delta from stage_day_deltas c
      where c.community_id = ${communityId}
    ), counts as (
      select c.stage, sum(c.delta)::int8 as now,
        sum(c.delta) filter (where c.day <= today.d - 7)::int8 as week_ago,
        sum(c.delta) filter (where c.day <= today.d - 30)::int8 as month_ago
      from changes c, today group by c.stage
    ), known as (
      select min(day) as first_day from changes
    )
    select s.stage, coalesce(n.now, 0)::int8 as now,
      case when known.first_day <= today.d - 7 then coalesce(n.week_ago, 0) end::int8 as week_ago,
      case when known.first_day <= today.d - 30 then coalesce(n.month_ago, 0) end::int8 as month_ago
    from unnest(enum_range(null::lifecycle_stage)) s(stage)
    cross join today cross join known
    left join counts n on n.stage = s.stage`);
  const [state] = await db.execute<{ refreshed_at: string | null }>(
    sql`select refreshed_at::text from lifecycle_state`,
  );
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return {
    stages: stages.map((stage) => {
      const r = byStage.get(stage);
      return {
        stage,
        now: r?.now ?? 0,
        weekAgo: r?.week_ago ?? null,
        monthAgo: r?.month_ago ?? null,
      };
    }),
    refreshedAt: state?.refreshed_at ? new Date(state.refreshed_at).toISOString() : null,
  };
}

export type { StageDay } from '../history/stage-counts';

/** Fans per stage at the end of each day in the range, from the exact stage history. */
export async function getStageCountsPerDay(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<StageDay[]> {
  return stageCountsPerDay(db, { communityId, from, to });
}

export interface StageMove {
  id: number;
  fanId: number;
  /** The fan's name, or `#<fan number>` for a role without fan lookup or an erased fan. */
  fanName: string;
  username: string | null;
  from: Stage | null;
  to: Stage;
  at: string;
  ruleSetVersion: number;
  /** The rule that decided it (e.g. at_risk_silence) and the numbers it looked at. */
  rule: string;
  features: Record<string, unknown>;
}

/** How many stage changes the overview lists: the page and the API show the same list. */
export const stageMovesLimit = 20;

/** The overview's stage changes: the last 30 days up to today (the community's zone). */
export const stageMovesFilters = (communityId: number, today: string): GrowthFilters => ({
  communityId,
  from: addDays(today, -29),
  to: today,
});

/**
 * The latest stage changes of the community's fans (0: all) on the days from `from` to `to`
 * (in the community's zone; UTC for all), newest first. Names only when `personal`.
 */
export async function getLatestStageMoves(
  db: Database,
  {
    communityId,
    from,
    to,
    limit = stageMovesLimit,
    personal,
  }: GrowthFilters & { limit?: number; personal: boolean },
): Promise<StageMove[]> {
  const zone = sql`coalesce((select time_zone from communities where id = ${communityId}), 'UTC')`;
  const rows = await db.execute<
    Omit<StageMove, 'rule' | 'fanName'> & {
      first_name: string | null;
      last_name: string | null;
      telegram_user_id: number | null;
      erased: boolean;
    }
  >(sql`
    with z as (select ${zone} as tz)
    select h.id, h.fan_id as "fanId",
      ${
        personal
          ? sql`f.username, f.first_name, f.last_name, f.telegram_user_id,
              f.erased_at is not null as erased`
          : sql`null::text as username, null::text as first_name, null::text as last_name,
              null::int8 as telegram_user_id, true as erased`
      },
      h.from_stage as "from", h.to_stage as "to",
      to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
      h.rule_set_version as "ruleSetVersion", h.features
    from fan_stage_history h join fans f on f.id = h.fan_id, z
    ${inCommunity(communityId, sql`h.fan_id`)}
    ${communityId === 0 ? sql`where` : sql`and`}
      h.changed_at >= ${from}::date::timestamp at time zone z.tz
      and h.changed_at < (${to}::date + 1)::timestamp at time zone z.tz
    order by h.changed_at desc, h.id desc
    limit ${limit}`);
  return rows.map(({ first_name, last_name, telegram_user_id, erased, ...r }) => ({
    ...r,
    // An erased fan, or any fan for a role without fan lookup, keeps only its number.
    fanName: erased
      ? `#${r.fanId}`
      : [first_name, last_name].filter(Boolean).join(' ') ||
        (r.username ? `@${r.username}` : `#${telegram_user_id}`),
    username: erased ? null : r.username,
    rule: String(r.features.rule ?? ''),
  }));
}
