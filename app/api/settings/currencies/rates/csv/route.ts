// POST /api/settings/currencies/rates/csv – a rates file (text/csv: currency,day,rate) as
// the body. All of it or, with any bad row (each named by its line), none of it. Admins
// only; audited.
import { defineRoute } from '@/lib/api/define-route';
import { parseRatesCsv } from '@/lib/revenue/rates-csv';
import { saveRates } from '@/lib/revenue/currencies';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'settings', upload: { types: ['text/csv', 'text/plain'], maxBytes: 1024 * 1024 } },
  async ({ upload, user }) => {
    const text = await new Response(upload).text();
    return saveRates(getDb(), {
      rates: parseRatesCsv(text),
      actorUserId: user.id,
      source: 'csv',
    });
  },
);
