// GET /api/fans/:id/customers – the shop customers linked to the fan, with their orders'
// totals and value scores. POST {customerId} – links the customer with that shop id (support);
// its purchases become the fan's and its history is replayed. Audited.
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { nameSchema } from '@/lib/api/schemas';
import { fanParams } from '@/lib/fans/schemas';
import { fanCustomers, linkCustomer } from '@/lib/revenue/customer-links';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'fans', params: fanParams }, async ({ params }) => ({
  customers: await fanCustomers(getDb(), params.id),
}));

export const POST = defineRoute(
  {
    permission: 'fans',
    params: fanParams,
    body: z.strictObject({ customerId: nameSchema(128) }),
  },
  async ({ params, body, user }) => {
    const db = getDb();
    const linked = await linkCustomer(db, {
      fanId: params.id,
      customerKey: body.customerId,
      actorUserId: user.id,
    });
    return { ...linked, customers: await fanCustomers(db, params.id) };
  },
);
