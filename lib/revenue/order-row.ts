import type { z } from 'zod';
import type { FactInput } from '../ingest';
import { purchaseFact } from '../ingest/facts';
import { isStorable } from '../ingest/storable-text';
import type { ColumnPositions, OrderCsvColumn } from './orders-csv-header';
import { order, orderFact, orderStatuses, type OrderStatus } from './order';

// One row of a purchase CSV as an order (the webhook's shape, checked by the same schema)
// and the purchase fact ingest stores, or why the row cannot be imported, naming the column.

/** What was wrong, for the reader's language: a value's form, or one of these. */
export type RowProblemCode = 'column_count' | 'empty' | 'too_long' | 'nul' | 'format';

export interface RowProblem {
  /** The column at fault (null: the row as a whole, i.e. its number of values). */
  column: OrderCsvColumn | null;
  code: RowProblemCode;
  /** In English, for the command line and the audit; the page words it from code and column. */
  reason: string;
}

export interface RowOrder {
  fact: FactInput;
  /** The fact's key (order id and status): what makes importing it again add nothing. */
  key: string;
  customer: string;
  status: OrderStatus;
  currency: string;
  /** The amount in hundredths, refunds negative. */
  cents: number;
}

/** The order's fields, and the fact's, by the column they come from. */
const columnOf: Record<string, OrderCsvColumn> = {
  id: 'order_id',
  customer_id: 'customer_id',
  telegram_user_id: 'telegram_user_id',
  amount: 'amount',
  currency: 'currency',
  occurred_at: 'occurred_at',
  sourceKey: 'order_id',
  orderId: 'order_id',
  customer: 'customer_id',
  fan: 'telegram_user_id',
  at: 'occurred_at',
};

function problemOf(
  issue: z.core.$ZodIssue,
  cells: readonly string[],
  at: ColumnPositions,
): RowProblem {
  const column = columnOf[String(issue.path[0])] ?? null;
  if (column && cells[at[column]] === '')
    return { column, code: 'empty', reason: 'must not be empty' };
  const code = issue.code === 'too_big' && issue.origin === 'string' ? 'too_long' : 'format';
  return { column, code, reason: issue.message };
}

const isStatus = (s: string): s is OrderStatus => (orderStatuses as readonly string[]).includes(s);

/** "19.9" → 1990: the schema's decimal string, in exact integer hundredths. */
function hundredths(amount: string): number {
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** The row's order, or its first problem. `width` is the header's number of columns. */
export function orderOfRow(
  cells: readonly string[],
  at: ColumnPositions,
  width: number,
): RowOrder | RowProblem {
  if (cells.length !== width)
    return {
      column: null,
      code: 'column_count',
      reason: `has ${cells.length} ${cells.length === 1 ? 'value' : 'values'}, the header ${width}`,
    };
  for (const [column, i] of Object.entries(at) as [OrderCsvColumn, number][])
    if (!isStorable(cells[i]!))
      return { column, code: 'nul', reason: 'holds a NUL character, which cannot be stored' };
  const status = cells[at.status]! || 'paid';
  if (!isStatus(status))
    return {
      column: 'status',
      code: 'format',
      reason: `must be ${orderStatuses.join(' or ')} (empty: paid), not ${JSON.stringify(status)}`,
    };
  const parsed = order.safeParse({
    id: cells[at.order_id],
    customer_id: cells[at.customer_id],
    telegram_user_id: cells[at.telegram_user_id] || null,
    amount: cells[at.amount],
    currency: cells[at.currency],
    occurred_at: cells[at.occurred_at],
  });
  if (!parsed.success) return problemOf(parsed.error.issues[0]!, cells, at);
  // What ingest checks besides, so that no batch is refused once writing has begun
  // (an order id whose escaped key is longer than a key may be, say).
  const fact = orderFact(parsed.data, status);
  const checked = purchaseFact.safeParse(fact);
  if (!checked.success) return problemOf(checked.error.issues[0]!, cells, at);
  const cents = hundredths(parsed.data.amount);
  return {
    fact,
    key: checked.data.sourceKey,
    customer: parsed.data.customer_id,
    status,
    currency: parsed.data.currency,
    cents: status === 'refunded' ? -cents : cents,
  };
}

export const isProblem = (row: RowOrder | RowProblem): row is RowProblem => 'code' in row;
