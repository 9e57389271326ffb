// GET /api/fans/:id/timeline[?cursor=<nextCursor>][&limit=1..200] – events, purchases and
// stage changes, newest first, in keyset pages of 50.
import { defineRoute } from '@/lib/api/define-route';
import { assertFan } from '@/lib/fans/profile';
import { fanParams, timelineQuery } from '@/lib/fans/schemas';
import { getTimeline } from '@/lib/fans/timeline';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'fans', params: fanParams, query: timelineQuery },
  async ({ params, query }) => {
    const db = getDb();
    await assertFan(db, params.id);
    return getTimeline(db, params.id, { after: query.cursor, limit: query.limit });
  },
);
