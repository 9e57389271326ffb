// DELETE /api/fans/:id/customers/:customerId – ends the link (its purchases are no longer
// the fan's; its history is replayed). Audited.
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { idSchema } from '@/lib/api/schemas';
import { fanCustomers, unlinkCustomer } from '@/lib/revenue/customer-links';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const DELETE = defineRoute(
  { permission: 'fans', params: z.strictObject({ id: idSchema, customerId: idSchema }) },
  async ({ params, user }) => {
    const db = getDb();
    const result = await unlinkCustomer(db, {
      fanId: params.id,
      customerId: params.customerId,
      actorUserId: user.id,
    });
    return { ...result, customers: await fanCustomers(db, params.id) };
  },
);
