// GET /api/segments/fans?<filters>[&after=<cursor>] – one page of 50 fans (keyset); names
// and Telegram ids only for roles with fan lookup.
import { defineRoute } from '@/lib/api/define-route';
import { getDb } from '@/lib/server/db';
import { getSegmentPage } from '@/lib/segments/query';
import { segmentReaderOf } from '@/lib/segments/reader';
import { segmentPageQuerySchema } from '@/lib/segments/request-schemas';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'segments', query: segmentPageQuerySchema },
  async ({ query: { after, ...filters }, user }) =>
    getSegmentPage(getDb(), filters, { after, ...segmentReaderOf(user.role) }),
);
