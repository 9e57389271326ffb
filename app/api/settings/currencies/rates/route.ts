// POST /api/settings/currencies/rates – {currency, from, to?, rate}: one rate for a day or
// each day of a range. DELETE – {currency, day}: removes a day's rate. The purchases of
// those days are converted again. Admins only; audited.
import { defineRoute } from '@/lib/api/define-route';
import { rateForm, rateKey, ratesOfForm } from '@/lib/revenue/currency-schemas';
import { deleteRate, saveRates } from '@/lib/revenue/currencies';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'settings', body: rateForm },
  async ({ body, user }) =>
    saveRates(getDb(), { rates: ratesOfForm(body), actorUserId: user.id, source: 'form' }),
);

export const DELETE = defineRoute(
  { permission: 'settings', body: rateKey },
  async ({ body, user }) => deleteRate(getDb(), { ...body, actorUserId: user.id }),
);
