// POST /api/fans/:id/tags {name} – tags the fan (a new name makes the tag); audited.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { addFanTag, listFanTags } from '@/lib/fans/tags';
import { getDb } from '@/lib/server/db';
import { fanIdOf, jsonObject, respond, type FanRouteContext } from '../../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('fans', async (request, context: FanRouteContext, user) =>
  respond(async () => {
    const fanId = await fanIdOf(context);
    const body = await jsonObject(request);
    const db = getDb();
    const result = await addFanTag(db, { fanId, name: body.name, actorUserId: user.id });
    return NextResponse.json({ ...result, tags: await listFanTags(db, fanId) });
  }),
);
