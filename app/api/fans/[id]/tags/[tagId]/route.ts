// DELETE /api/fans/:id/tags/:tagId – takes the tag off the fan; audited.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { FanError } from '@/lib/fans/errors';
import { listFanTags, removeFanTag } from '@/lib/fans/tags';
import { getDb } from '@/lib/server/db';
import { fanIdOf, respond } from '../../../respond';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; tagId: string }> };

export const DELETE = guardRoute('fans', async (_request, context: Context, user) =>
  respond(async () => {
    const fanId = await fanIdOf(context);
    const raw = (await context.params).tagId;
    if (!/^[1-9][0-9]{0,15}$/.test(raw))
      throw new FanError('invalid', 'Invalid tag id: it must be a positive whole number');
    const db = getDb();
    const result = await removeFanTag(db, { fanId, tagId: Number(raw), actorUserId: user.id });
    return NextResponse.json({ ...result, tags: await listFanTags(db, fanId) });
  }),
);
