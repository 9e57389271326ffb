// GET /api/fans?q=<@username | Telegram id | name prefix | customer id | #fan id>
// Fan lookup for support (and admins): up to 50 fans, best kind of match first.
import { defineRoute } from '@/lib/api/define-route';
import { fanSearchQuery } from '@/lib/fans/schemas';
import { searchFans } from '@/lib/fans/search';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'fans', query: fanSearchQuery },
  async ({ query }) => ({
    query: query.q,
    ...(await searchFans(getDb(), query.q)),
  }),
);
