import { z } from 'zod';
import { checkText } from '../api/schemas';
import { order, type OrderStatus } from '../revenue/order';

// The purchase webhook's body (DESIGN §5b): an event of a source, with the order it is
// about. Keys the shapes do not name are ignored, so a shop may send more. Pure.

export const purchaseEventTypes = ['order.paid', 'order.refunded'] as const;
export type PurchaseEventType = (typeof purchaseEventTypes)[number];

export const statusOfEvent: Record<PurchaseEventType, OrderStatus> = {
  'order.paid': 'paid',
  'order.refunded': 'refunded',
};

const plainText = (value: string, ctx: z.RefinementCtx) => checkText(value, ctx);
const plainString = z.string().superRefine(plainText);

export const purchaseEvent = z.object(
  {
    id: z
      .string({ error: 'must be the event id, a string' })
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .superRefine(plainText),
    type: z.enum(purchaseEventTypes, {
      error: `must be ${purchaseEventTypes.join(' or ')}`,
    }),
    order: order.superRefine((o, ctx) => {
      // Ids are stored as text (webhook_events.order_id, customers): no control characters.
      for (const key of ['id', 'customer_id'] as const) {
        const checked = plainString.safeParse(o[key]);
        if (!checked.success)
          for (const issue of checked.error.issues)
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: issue.message,
              params: issue.code === 'custom' ? issue.params : undefined,
            });
      }
    }),
  },
  { error: 'must be a JSON object: {"id", "type", "order"}' },
);
export type PurchaseEvent = z.output<typeof purchaseEvent>;
