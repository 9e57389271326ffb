// GET /api/segments/saved – the saved segments (each with the reason it no longer opens,
// if it does not); POST {name, query} – save the filters in `query` (the browser's query
// string) under a name, replacing one of the same name. Tags and communities must exist.
import { defineRoute } from '@/lib/api/define-route';
import { getDb } from '@/lib/server/db';
import { saveSegmentBodySchema } from '@/lib/segments/request-schemas';
import { listSegments, saveSegment } from '@/lib/segments/saved';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'segments' }, async () => ({
  segments: await listSegments(getDb()),
}));

export const POST = defineRoute(
  { permission: 'segments', body: saveSegmentBodySchema },
  async ({ body, user }) =>
    getDb().transaction((tx) =>
      saveSegment(tx, { name: body.name, filters: body.query, userId: user.id }),
    ),
);
