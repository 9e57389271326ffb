import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { customerSummaries } from '../../lib/revenue/customer-summaries';
import { storeCustomerValues } from '../../lib/revenue/customer-values';
import { scoreCustomers } from '../../lib/value/score-customers';
import { seconds, type Report } from './report';

// The value models at scale: C customers with purchases generated in SQL (each a first
// purchase in the year before as-of and a customer-specific number of repeats, some
// refunded), then the three parts of a fit as the worker runs them, timed apart: the
// per-customer summary (SQL), the BG/NBD and Gamma-Gamma fits with every customer's scores
// (TypeScript), and storing the scores. A bare count of the purchases is the baseline.
const AS_OF = '2026-06-01T00:00:00Z';

export async function benchValue(
  url: string,
  { customers }: { customers: number },
  report: Report,
): Promise<void> {
  const { db, close } = createDb({ url, max: 2 });
  try {
    await db.execute(sql`insert into revenue_settings (id, base_currency) values (1, 'USD')`);
    await db.execute(sql`select setseed(0.42)`);
    const [loadSeconds] = await seconds(async () => {
      await db.execute(sql`
        insert into customers (customer_key)
        select 'C' || g from generate_series(1, ${customers}) g`);
      await db.execute(sql`
        insert into purchases (source_key, order_id, customer_id, status, amount, currency,
          base_amount, occurred_at)
        select 'bench:' || o.order_id || ':paid', o.order_id, o.customer_id, 'paid', o.amount,
          'USD', o.amount, o.at
        from (
          select c.id || '-' || k as order_id, c.id as customer_id,
            round((10 + 90 * random())::numeric, 2) as amount,
            ${AS_OF}::timestamptz - (365 * c.u) * interval '1 day'
              + k * (5 + 60 * random()) * interval '1 day' as at
          from (select id, random() as u, floor(-ln(1 - random()) * 2 * random())::int as repeats
                from customers) c
          cross join lateral generate_series(0, c.repeats) k
        ) o where o.at < ${AS_OF}::timestamptz`);
      await db.execute(sql`
        insert into purchases (source_key, order_id, customer_id, status, amount, currency,
          base_amount, occurred_at)
        select 'bench:' || order_id || ':refunded', order_id, customer_id, 'refunded', -amount,
          'USD', -amount, occurred_at + interval '2 days'
        from purchases where id % 40 = 0 and occurred_at < ${AS_OF}::timestamptz - interval '2 days'`);
      await db.execute(sql`analyze purchases`);
      await db.execute(sql`analyze customers`);
    });
    const [purchases] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from purchases`,
    );
    const [scanSeconds] = await seconds(() =>
      db.execute(sql`select customer_id, count(*) from purchases group by customer_id`),
    );
    const [summarySeconds, summaries] = await seconds(() => customerSummaries(db, new Date(AS_OF)));
    const [fitSeconds, scored] = await seconds(async () => scoreCustomers(summaries.customers));
    const values = { ...summaries, scored, seconds: summarySeconds + fitSeconds };
    const [storeSeconds] = await seconds(() => storeCustomerValues(db, values, null));
    report('value', {
      customers: summaries.customers.length,
      purchases: purchases!.n,
      load_s: loadSeconds,
      baseline_group_by_s: scanSeconds,
      summary_s: summarySeconds,
      summary_ratio: +(summarySeconds / scanSeconds).toFixed(2),
      fit_and_score_s: fitSeconds,
      store_s: storeSeconds,
      total_s: +(summarySeconds + fitSeconds + storeSeconds).toFixed(3),
      bg_nbd_iterations: scored.bgNbd?.iterations ?? 0,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
  } finally {
    await close();
  }
}
