import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { fanCustomers, type FanCustomer } from '../revenue/customer-links';

export interface FanShopCustomers {
  /** The base currency their revenue and value are in; null before the first purchase. */
  currency: string | null;
  customers: FanCustomer[];
}

/** The fan page's shop customers (as GET /api/fans/:id/customers), with the base currency. */
export async function fanShopCustomers(db: Executor, fanId: number): Promise<FanShopCustomers> {
  const [customers, [settings]] = await Promise.all([
    fanCustomers(db, fanId),
    db.execute<{ base_currency: string }>(sql`select base_currency from revenue_settings`),
  ]);
  return { currency: settings?.base_currency ?? null, customers };
}
