import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import type { Stage } from '../../lifecycle/stage-names';

// A small hand-made shop for the value figures (Growth → Value, segments by value, the
// overview's unlinked revenue), written straight into the tables they read: fans with a
// current stage, customers linked or not, purchases with their base amounts (USD has no
// rate: base_amount null), and one fit's customer_values (fan_values follows by trigger).
//
// fan  stage       customers (purchases; CLV, P(alive), R F M)
//  1   at_risk     A: 100 on 03-02, 50 on 03-20             300  0.8   5 4 3
//  2   at_risk     B: 200 on 03-05, refund -50 on 03-07      120  0.3   2 2 4
//                  C: 30 USD on 03-10 (no rate)               80  0.9   4 1 1
//  3   at_risk     D: 60 on 01-15                             50  0.1   1 1 2
//  4   active      E: 500 on 03-25                           900  0.95  5 5 5
//  5   core        F: 80 on 03-12                             40  0.5   3 3 3
//  6   high_value  G: 1000 on 04-02                         1500  0.99  5 5 5
//  7   at_risk     –
//  8   churned     H: 20 on 03-03                              5  0.05  1 1 1
//  9   new         –
// 10   active      –
//  –   (no fan)    U1: 400 on 03-15, 10 USD on 03-16          600  0.7   5 3 4
//  –   (no fan)    U2: 100 on 02-10                            70  0.2   2 1 3
// All in 2025, base currency CNY. Fans 1, 2, 4 and 5 are present in the community "Group".

export const valueFans: { n: number; stage: Stage }[] = [
  { n: 1, stage: 'at_risk' },
  { n: 2, stage: 'at_risk' },
  { n: 3, stage: 'at_risk' },
  { n: 4, stage: 'active' },
  { n: 5, stage: 'core' },
  { n: 6, stage: 'high_value' },
  { n: 7, stage: 'at_risk' },
  { n: 8, stage: 'churned' },
  { n: 9, stage: 'new' },
  { n: 10, stage: 'active' },
];

interface SeedCustomer {
  key: string;
  fan: number | null;
  purchases: { amount: number; currency: 'CNY' | 'USD'; day: string }[];
  value: { clv: number | null; pAlive: number | null; r: number; f: number; m: number };
}

export const valueCustomers: SeedCustomer[] = [
  {
    key: 'A',
    fan: 1,
    purchases: [
      { amount: 100, currency: 'CNY', day: '2025-03-02' },
      { amount: 50, currency: 'CNY', day: '2025-03-20' },
    ],
    value: { clv: 300, pAlive: 0.8, r: 5, f: 4, m: 3 },
  },
  {
    key: 'B',
    fan: 2,
    purchases: [
      { amount: 200, currency: 'CNY', day: '2025-03-05' },
      { amount: -50, currency: 'CNY', day: '2025-03-07' },
    ],
    value: { clv: 120, pAlive: 0.3, r: 2, f: 2, m: 4 },
  },
  {
    key: 'C',
    fan: 2,
    purchases: [{ amount: 30, currency: 'USD', day: '2025-03-10' }],
    value: { clv: 80, pAlive: 0.9, r: 4, f: 1, m: 1 },
  },
  {
    key: 'D',
    fan: 3,
    purchases: [{ amount: 60, currency: 'CNY', day: '2025-01-15' }],
    value: { clv: 50, pAlive: 0.1, r: 1, f: 1, m: 2 },
  },
  {
    key: 'E',
    fan: 4,
    purchases: [{ amount: 500, currency: 'CNY', day: '2025-03-25' }],
    value: { clv: 900, pAlive: 0.95, r: 5, f: 5, m: 5 },
  },
  {
    key: 'F',
    fan: 5,
    purchases: [{ amount: 80, currency: 'CNY', day: '2025-03-12' }],
    value: { clv: 40, pAlive: 0.5, r: 3, f: 3, m: 3 },
  },
  {
    key: 'G',
    fan: 6,
    purchases: [{ amount: 1000, currency: 'CNY', day: '2025-04-02' }],
    value: { clv: 1500, pAlive: 0.99, r: 5, f: 5, m: 5 },
  },
  {
    key: 'H',
    fan: 8,
    purchases: [{ amount: 20, currency: 'CNY', day: '2025-03-03' }],
    value: { clv: 5, pAlive: 0.05, r: 1, f: 1, m: 1 },
  },
  {
    key: 'U1',
    fan: null,
    purchases: [
      { amount: 400, currency: 'CNY', day: '2025-03-15' },
      { amount: 10, currency: 'USD', day: '2025-03-16' },
    ],
    value: { clv: 600, pAlive: 0.7, r: 5, f: 3, m: 4 },
  },
  {
    key: 'U2',
    fan: null,
    purchases: [{ amount: 100, currency: 'CNY', day: '2025-02-10' }],
    value: { clv: 70, pAlive: 0.2, r: 2, f: 1, m: 3 },
  },
];

export const groupTelegramId = -3001;
export const groupFans = [1, 2, 4, 5];

/**
 * Writes the shop above; returns the fan ids (by their number) and the community's id.
 * The fans' Telegram ids are 7000 + their number, named "Fan <n>" (@fan_<n>).
 */
export async function seedValueShop(db: Database): Promise<{
  fanIds: Record<number, number>;
  customerIds: Record<string, number>;
  groupId: number;
}> {
  const [group] = await db.execute<{ id: number }>(sql`
    insert into communities (telegram_id, kind, title) values (${groupTelegramId}, 'supergroup', 'Group')
    returning id`);
  const fanIds: Record<number, number> = {};
  for (const { n, stage } of valueFans) {
    const [fan] = await db.execute<{ id: number }>(sql`
      insert into fans (telegram_user_id, first_name, username)
      values (${7000 + n}, ${`Fan ${n}`}, ${`fan_${n}`}) returning id`);
    const id = fan!.id;
    fanIds[n] = id;
    await db.execute(sql`
      insert into fan_features (fan_id, joined_at, last_engaged_at, first_window_engagements,
        window_engagements, window_messages, active_days, spend, left_all)
      values (${id}, now() - make_interval(days => ${100 - n}), null, 0, 0, 0, 0, 0, false)`);
    await db.execute(sql`
      insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
      values (${id}, ${stage}::lifecycle_stage, 'test', now(), now())`);
    if (groupFans.includes(n))
      await db.execute(sql`
        insert into fan_presence (fan_id, community_id, present_from)
        values (${id}, ${group!.id}, now() - interval '200 days')`);
  }
  await db.execute(sql`insert into revenue_settings (id, base_currency) values (1, 'CNY')`);
  const customerIds: Record<string, number> = {};
  for (const c of valueCustomers) {
    const fanId = c.fan === null ? null : fanIds[c.fan]!;
    const [row] = await db.execute<{ id: number }>(sql`
      insert into customers (customer_key, fan_id, linked_by, linked_at)
      values (${`shop-${c.key}`}, ${fanId},
        ${fanId === null ? null : 'order'}::customer_link_source,
        ${fanId === null ? null : sql`now()`})
      returning id`);
    customerIds[c.key] = row!.id;
    for (const [i, p] of c.purchases.entries())
      await db.execute(sql`
        insert into purchases (source_key, order_id, customer_id, fan_id, status, amount,
          currency, base_amount, occurred_at)
        values (${`test:${c.key}:${i}`}, ${`${c.key}-${i}`}, ${row!.id}, ${fanId},
          ${p.amount < 0 ? 'refunded' : 'paid'}::purchase_status, ${p.amount}, ${p.currency},
          ${p.currency === 'CNY' ? p.amount : null}, ${`${p.day}T12:00:00Z`}::timestamptz)`);
  }
  const [fit] = await db.execute<{ id: number }>(sql`
    insert into value_fits (as_of, currency, customers, bg_nbd, gamma_gamma, problem, seconds)
    values ('2025-04-30T00:00:00Z', 'CNY', ${valueCustomers.length},
      ${JSON.stringify({
        params: { r: 0.25, alpha: 30.9, a: 0.79, b: 2.43 },
        logLikelihood: -123.456,
        customers: valueCustomers.length,
        converged: true,
        iterations: 40,
      })}::jsonb,
      null, 'Gamma-Gamma: expected values from observed-mean', 0.2)
    returning id`);
  for (const c of valueCustomers)
    await db.execute(sql`
      insert into customer_values (customer_id, fit_id, frequency, recency, age,
        monetary_value, p_alive, expected_purchases_90d, expected_value, clv_12m, r_score,
        f_score, m_score)
      values (${customerIds[c.key]!}, ${fit!.id}, 1, 10, 60, 50, ${c.value.pAlive}, 0.5, 50,
        ${c.value.clv}, ${c.value.r}, ${c.value.f}, ${c.value.m})`);
  return { fanIds, customerIds, groupId: group!.id };
}

/** fan_values as a fresh aggregate of customer_values and the links (the triggers' oracle). */
export async function fanValuesFromScratch(db: Database) {
  return db.execute(sql`
    select distinct on (c.fan_id) c.fan_id, (count(*) over w)::int as customers,
      c.id as customer_id, sum(cv.clv_12m) over w as clv_12m, cv.p_alive, cv.r_score,
      cv.f_score, cv.m_score
    from customers c join customer_values cv on cv.customer_id = c.id
    where c.fan_id is not null
    window w as (partition by c.fan_id)
    order by c.fan_id, cv.clv_12m desc nulls last, c.id`);
}

export async function storedFanValues(db: Database) {
  return db.execute(sql`
    select fan_id, customers, customer_id, clv_12m, p_alive, r_score, f_score, m_score
    from fan_values order by fan_id`);
}
