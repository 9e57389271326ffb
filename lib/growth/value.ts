import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { ChartViewer } from '../charts/define-chart';
import { stages, type Stage } from '../lifecycle/stage-names';
import { unconvertedPurchases } from '../revenue/currencies';
import type { GrowthFilters } from './filters';

// Growth → Value (DESIGN §5b): what the fans of each stage are worth by the latest fit, and
// the at-risk fans worth the most. A fan's value is fan_values' (its linked customers' CLV
// summed; P(alive) of its main customer, the one with the highest CLV). Stages are the
// fans' current ones; a community keeps the fans present in it.

/** The purchases left out of converted figures for want of a rate (the warning). */
export interface Unconverted {
  purchases: number;
  currencies: string[];
}

export interface StageValue {
  stage: Stage;
  /** Fans in the stage with at least one linked customer. */
  linkedFans: number;
  /** Of those, the fans with a 12-month CLV in the latest fit. */
  valuedFans: number;
  /** Their CLV summed and its mean per valued fan (null: none valued), base currency. */
  clvTotal: number;
  clvMean: number | null;
  /** Net revenue (refunds subtracted) of the stage's fans in the range, base currency. */
  revenue: number;
}

export interface ValueByStage {
  /** The base currency (null: no purchase stored yet). */
  currency: string | null;
  /** When the latest fit was made as of (null: none yet). */
  fitAsOf: string | null;
  /** Every stage, in the lifecycle's order. */
  stages: StageValue[];
  /** Purchases of the range without a rate: left out of the revenue. */
  unconverted: Unconverted;
}

const presentIn = (communityId: number, fanId: SQL) =>
  communityId === 0
    ? sql`true`
    : sql`exists (select 1 from fan_presence pr
        where pr.fan_id = ${fanId} and pr.community_id = ${communityId})`;

const rangeOf = (from: string, to: string) =>
  sql`p.occurred_at >= ${from}::date::timestamp at time zone 'UTC'
    and p.occurred_at < (${to}::date + 1)::timestamp at time zone 'UTC'`;

/**
 * Per current stage: the fans with a linked customer, their 12-month CLV (total and mean)
 * and their revenue in the range (UTC days). Read from the linked customers only: a fan
 * without one has neither value nor purchases of its own.
 */
export async function getValueByStage(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<ValueByStage> {
  const rows = await db.execute<{
    stage: Stage;
    linked_fans: number;
    valued_fans: number;
    clv_total: number | null;
    revenue: string | null;
  }>(sql`
    with linked as (
      select distinct c.fan_id from customers c where c.fan_id is not null
    ), revenue as (
      select p.fan_id, sum(p.base_amount) as revenue from purchases p
      where p.fan_id is not null and p.base_amount is not null and ${rangeOf(from, to)}
      group by p.fan_id
    )
    select fl.stage, count(*)::int as linked_fans, count(fv.clv_12m)::int as valued_fans,
      sum(fv.clv_12m) as clv_total, coalesce(sum(r.revenue), 0)::text as revenue
    from linked l
    join fan_lifecycle fl on fl.fan_id = l.fan_id
    left join fan_values fv on fv.fan_id = l.fan_id
    left join revenue r on r.fan_id = l.fan_id
    where ${presentIn(communityId, sql`l.fan_id`)}
    group by fl.stage`);
  const [meta] = await db.execute<{ currency: string | null; as_of: string | null }>(sql`
    select (select base_currency from revenue_settings) as currency,
      (select to_char(as_of at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from value_fits order by id desc limit 1) as as_of`);
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return {
    currency: meta?.currency?.trim() ?? null,
    fitAsOf: meta?.as_of ?? null,
    stages: stages.map((stage) => {
      const r = byStage.get(stage);
      const clvTotal = r?.clv_total ?? 0;
      const valuedFans = r?.valued_fans ?? 0;
      return {
        stage,
        linkedFans: r?.linked_fans ?? 0,
        valuedFans,
        clvTotal,
        clvMean: valuedFans > 0 ? clvTotal / valuedFans : null,
        revenue: Number(r?.revenue ?? 0),
      };
    }),
    unconverted: await unconvertedPurchases(db, { from, to }),
  };
}

/** How many at-risk fans "Save these first" lists. */
export const saveFirstLimit = 10;

export interface SaveFirstFan {
  fanId: number;
  /** The fan's name (or @username), null for a role without fan lookup; `#<id>` when erased. */
  name: string | null;
  username: string | null;
  clv12m: number;
  pAlive: number | null;
  /** The fan's latest paid purchase (null: only refunds are left, or none stored). */
  lastPurchaseAt: string | null;
}

export interface SaveFirst {
  currency: string | null;
  /** Whether names were read: the viewer may open fan pages. */
  personal: boolean;
  /** The at-risk fans with the highest 12-month CLV, highest first (ties: newest fan first). */
  fans: SaveFirstFan[];
  /** Every at-risk fan with a CLV (the segment the list links to holds these first). */
  total: number;
}

/** The at-risk fans with the highest 12-month CLV: who to win back first. */
export async function getSaveFirst(
  db: Database,
  { communityId }: GrowthFilters,
  { personal }: ChartViewer,
  limit = saveFirstLimit,
): Promise<SaveFirst> {
  const atRisk = sql`from fan_values fv
    join fan_lifecycle fl on fl.fan_id = fv.fan_id and fl.stage = 'at_risk'
    where fv.clv_12m is not null and ${presentIn(communityId, sql`fv.fan_id`)}`;
  const rows = await db.execute<{
    fan_id: number;
    clv_12m: number;
    p_alive: number | null;
    last_purchase_at: string | null;
    first_name: string | null;
    last_name: string | null;
    username: string | null;
    telegram_user_id: number | null;
    erased: boolean;
  }>(sql`
    select v.fan_id, v.clv_12m, v.p_alive,
      (select to_char(max(p.occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from purchases p where p.fan_id = v.fan_id and p.status = 'paid') as last_purchase_at,
      ${
        personal
          ? sql`f.first_name, f.last_name, f.username, f.telegram_user_id,
              f.erased_at is not null as erased`
          : sql`null::text as first_name, null::text as last_name, null::text as username,
              null::int8 as telegram_user_id, false as erased`
      }
    from (select fv.fan_id, fv.clv_12m, fv.p_alive ${atRisk}
      order by fv.clv_12m desc, fv.fan_id desc limit ${limit}) v
    join fans f on f.id = v.fan_id
    order by v.clv_12m desc, v.fan_id desc`);
  const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n ${atRisk}`);
  const [base] = await db.execute<{ currency: string }>(
    sql`select base_currency as currency from revenue_settings`,
  );
  return {
    currency: base?.currency.trim() ?? null,
    personal,
    total: count?.n ?? 0,
    fans: rows.map((r) => ({
      fanId: Number(r.fan_id),
      name: !personal
        ? null
        : r.erased
          ? `#${r.fan_id}`
          : [r.first_name, r.last_name].filter(Boolean).join(' ') ||
            (r.username ? `@${r.username}` : `#${r.telegram_user_id}`),
      username: personal && !r.erased ? r.username : null,
      clv12m: r.clv_12m,
      pAlive: r.p_alive,
      lastPurchaseAt: r.last_purchase_at,
    })),
  };
}
