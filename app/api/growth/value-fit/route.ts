// GET /api/growth/value-fit – the latest fit of the value models (parameters, log-likelihood,
// customers, or why a model has none), a request waiting for the worker or running, the
// last request's failure, and the purchases left out for want of a rate.
// POST – asks the worker for a fit as of now (a request already waiting is reused), audited.
import { defineRoute } from '@/lib/api/define-route';
import { recordAudit } from '@/lib/audit/record-audit';
import { valueFitState } from '@/lib/growth/value-fit';
import { requestValueFit } from '@/lib/revenue/value-fit-requests';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'growth' }, async () => valueFitState(getDb()));

export const POST = defineRoute({ permission: 'growth' }, async ({ user }) => {
  const db = getDb();
  const requestId = await db.transaction(async (tx) => {
    const id = await requestValueFit(tx, user.id);
    await recordAudit(tx, {
      actorUserId: user.id,
      action: 'value_fit.request',
      entity: 'value_fit_request',
      entityId: id,
    });
    return id;
  });
  return { requestId, ...(await valueFitState(db)) };
});
