import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Stage } from '../../db/schema';
import { unconvertedPurchases } from '../revenue/currencies';
import type { GrowthFilters } from './filters';
import { historyCompleteAt } from './history-bounds';

/** One stage in one month: the fans that held it at the month's end, and their revenue of the month per currency. */
export interface StageMonth {
  month: string;
  stage: Stage;
  fans: number;
  payingFans: number;
  revenue: Record<string, number>;
}

export interface Arpu {
  /** Currencies by revenue in the range, largest first. */
  currencies: string[];
  months: StageMonth[];
}

/** A stage's fans in a month, and (currency '' when none) their revenue in one currency. */
export type StageMonthRow = {
  month: string;
  stage: Stage;
  fans: number;
  paying_fans: number;
  currency: string;
  revenue: string;
};

/**
 * ARPU per stage per calendar month (UTC), for the months that overlap the range. Each fan
 * counts in the stage it held at the month's end (for the current month, at the last
 * refresh): fans per stage from the running sums of growth_stage_month_deltas, less the
 * moves at or after the last refresh; revenue from the range's purchases, each looked up in
 * its fan's history.
 */
export async function getArpu(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<Arpu> {
  const present = (fanId: string, month: string) =>
    communityId === 0
      ? sql`true`
      : sql`exists (select 1 from growth_fan_joins j where j.fan_id = ${sql.raw(fanId)}
          and j.community_id = ${communityId}
          and j.joined_day < (${sql.raw(month)} + interval '1 month')::date)`;
  const query = sql`
    with bounds as (select ${historyCompleteAt} as last_at),
    months as (
      select m::date as month, m at time zone 'UTC' as starts,
        least((m + interval '1 month') at time zone 'UTC', b.last_at) as at,
        (m + interval '1 month') at time zone 'UTC' as ends
      from bounds b, generate_series(date_trunc('month', ${from}::date::timestamp),
        least(${to}::date::timestamp, b.last_at at time zone 'UTC'), interval '1 month') m
    ), ended as (
      select m.month, d.stage, sum(d.fans) as fans
      from months m join growth_stage_month_deltas d
        on d.community_id = ${communityId} and d.month <= m.month
      group by m.month, d.stage
    ), after_refresh as (
      -- The current month counts the stage held at the last refresh: less the moves since.
      select m.month, x.stage, sum(x.fans) as fans
      from fan_stage_history h
      join months m on m.at < m.ends and h.changed_at < m.ends
      cross join lateral (values (h.to_stage, -1), (h.from_stage, 1)) x(stage, fans)
      where h.changed_at >= (select last_at from bounds) and x.stage is not null
        and ${present('h.fan_id', 'm.month')}
      group by m.month, x.stage
    ), fans as (
      select month, stage, sum(fans) as fans
      from (select * from ended union all select * from after_refresh) f
      group by month, stage having sum(fans) <> 0
    ), paid as (
      -- In the base currency; a purchase without a rate for its day is left out (counted
      -- in the warning: unconvertedPurchases).
      select m.month, held.stage, p.fan_id, rs.base_currency as currency, p.base_amount as amount
      from purchases p cross join revenue_settings rs
      join months m on m.month = date_trunc('month', p.occurred_at at time zone 'UTC')::date
      cross join lateral (
        select h.to_stage as stage from fan_stage_history h
        where h.fan_id = p.fan_id and h.changed_at < m.at
        order by h.changed_at desc, h.id desc limit 1) held
      -- One range of the index (a join per month would be planned for a thousand months).
      where p.base_amount is not null and p.occurred_at >= (select min(starts) from months)
        and p.occurred_at < (select max(ends) from months)
        and ${present('p.fan_id', 'm.month')}
    ), amounts as (
      select month, stage, currency, sum(amount)::numeric(16, 2) as revenue,
        count(distinct fan_id)::int as paying_fans
      from paid group by month, stage, currency
    )
    select to_char(f.month, 'YYYY-MM') as month, f.stage, f.fans::int as fans,
      coalesce(a.paying_fans, 0) as paying_fans, coalesce(a.currency, '') as currency,
      coalesce(a.revenue, 0)::text as revenue
    from fans f left join amounts a using (month, stage)
    order by f.month, f.stage, a.currency`;
  const rows = await db.transaction(async (tx) => {
    // The planner takes the months for a thousand rows and would compile the query, which
    // takes longer than running it.
    await tx.execute(sql`set local jit = off`);
    return tx.execute<StageMonthRow>(query);
  });
  return arpuOf(rows);
}

/** The chart as Growth shows it: with the base currency and the purchases it leaves out. */
export interface ArpuChart extends Arpu {
  /** The base currency every revenue is in (null: no purchase stored yet). */
  base: string | null;
  /** Purchases of the range without a rate for their day: not in the revenue. */
  unconverted: { purchases: number; currencies: string[] };
}

export async function getArpuChart(db: Database, filters: GrowthFilters): Promise<ArpuChart> {
  const [arpu, unconverted, [settings]] = await Promise.all([
    getArpu(db, filters),
    unconvertedPurchases(db, filters),
    db.execute<{ base: string }>(sql`select base_currency as base from revenue_settings`),
  ]);
  return { ...arpu, base: settings?.base.trim() ?? null, unconverted };
}

/** The chart from its rows, in month, stage and currency order. */
export function arpuOf(rows: readonly StageMonthRow[]): Arpu {
  const months = new Map<string, StageMonth>();
  const totals = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.month} ${r.stage}`;
    const entry = months.get(key) ?? {
      month: r.month,
      stage: r.stage,
      fans: r.fans,
      payingFans: 0,
      revenue: {},
    };
    if (r.currency !== '') {
      const amount = Number(r.revenue);
      entry.revenue[r.currency] = amount;
      entry.payingFans += r.paying_fans;
      totals.set(r.currency, (totals.get(r.currency) ?? 0) + amount);
    }
    months.set(key, entry);
  }
  const currencies = [...totals].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  return { currencies, months: [...months.values()] };
}
