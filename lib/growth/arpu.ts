import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Stage } from '../../db/schema';
import type { GrowthFilters } from './filters';

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

/** ARPU per stage per calendar month (UTC), for the months that overlap the range. */
export async function getArpu(
  db: Database,
  { communityId, from, to }: GrowthFilters,
): Promise<Arpu> {
  const rows = await db.execute<{
    month: string;
    stage: Stage;
    fans: number;
    paying_fans: number;
    currency: string;
    revenue: string;
  }>(sql`
    select to_char(month, 'YYYY-MM') as month, stage, fans, paying_fans, currency,
      revenue::text as revenue
    from growth_stage_months
    where community_id = ${communityId}
      and month between date_trunc('month', ${from}::date) and ${to}::date
    order by month, stage, currency`);
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
