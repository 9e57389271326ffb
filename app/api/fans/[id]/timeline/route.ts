// GET /api/fans/:id/timeline[?cursor=<nextCursor>][&limit=1..200] – events, purchases and
// stage changes, newest first, in keyset pages of 50.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { FanError } from '@/lib/fans/errors';
import { assertFan } from '@/lib/fans/profile';
import { getTimeline, timelinePageSize } from '@/lib/fans/timeline';
import { getDb } from '@/lib/server/db';
import { fanIdOf, respond, type FanRouteContext } from '../../respond';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('fans', async (request, context: FanRouteContext) =>
  respond(async () => {
    const id = await fanIdOf(context);
    const search = request.nextUrl.searchParams;
    const rawLimit = search.get('limit');
    if (rawLimit !== null && !/^\d{1,3}$/.test(rawLimit))
      throw new FanError('invalid', 'Invalid limit: a whole number from 1 to 200');
    const db = getDb();
    await assertFan(db, id);
    return NextResponse.json(
      await getTimeline(db, id, {
        cursor: search.get('cursor'),
        limit: rawLimit === null ? timelinePageSize : Number(rawLimit),
      }),
    );
  }),
);
