import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { jsonRows } from './sql-json';

export interface PurchaseRow {
  source_key: string;
  order_id: string;
  fan_id: number;
  community_id: number | null;
  amount: number;
  currency: string;
  occurred_at: Date;
}

export async function insertPurchases(tx: Executor, rows: PurchaseRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.execute(sql`
    insert into purchases (source_key, order_id, fan_id, community_id, amount, currency, occurred_at)
    select r.source_key, r.order_id, r.fan_id, r.community_id, r.amount, r.currency, r.occurred_at
    from jsonb_to_recordset(${jsonRows(rows)}) as r(source_key text, order_id text, fan_id bigint,
      community_id bigint, amount numeric, currency text, occurred_at timestamptz)
    on conflict (source_key) do nothing
    returning 1`);
  return inserted.length;
}
