// GET /api/settings/currencies – the base currency, every currency purchases are in (with
// those lacking a rate) and the latest rates. PUT – {currency}: a new base currency, every
// purchase converted again. Admins only; changes audited.
import { defineRoute } from '@/lib/api/define-route';
import { baseCurrencyChange } from '@/lib/revenue/currency-schemas';
import { currencyState, setBaseCurrency } from '@/lib/revenue/currencies';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async () => currencyState(getDb()));

export const PUT = defineRoute(
  { permission: 'settings', body: baseCurrencyChange },
  async ({ body, user }) =>
    setBaseCurrency(getDb(), { currency: body.currency, actorUserId: user.id }),
);
