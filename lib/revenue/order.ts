import { z } from 'zod';
import type { FactInput } from '../ingest';

// An order as the shop sends it (DESIGN §5b), the one shape the purchase webhook and the
// purchase CSV both check, and the purchase fact it becomes.

const decimal = z
  .string()
  .regex(/^\d{1,11}(\.\d{1,2})?$/, 'must be a decimal string such as "19.90" (at most 2 decimals)');

const telegramUserId = z
  .union([z.number(), z.string().regex(/^\d{1,16}$/, 'must be a Telegram user id (digits)')])
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n) && n > 0, 'must be a Telegram user id');

export const orderStatuses = ['paid', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const order = z.object({
  id: z
    .string()
    .min(1, 'must not be empty')
    .max(128)
    // The key (`shop:order:<id, URI-encoded>:<status>`) must stay within ingest's 300.
    .refine((id) => encodeURIComponent(id).length <= 270, 'must be at most 270 bytes URI-encoded'),
  customer_id: z.string().min(1, 'must not be empty').max(128),
  telegram_user_id: telegramUserId.nullish(),
  amount: decimal,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  occurred_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset' }),
});
export type Order = z.output<typeof order>;

/**
 * The purchase fact of an order in a status. The key is the order id and the status, so an
 * order sent by the webhook and again in a CSV is stored once.
 */
export function orderFact(o: Order, status: OrderStatus): FactInput {
  return {
    kind: 'purchase',
    sourceKey: `shop:order:${encodeURIComponent(o.id)}:${status}`,
    orderId: o.id,
    customer: o.customer_id,
    fan: o.telegram_user_id ?? null,
    status,
    amount: Number(o.amount),
    currency: o.currency,
    at: o.occurred_at,
  };
}
