// POST /api/fans/:id/erase {confirm: "#<id>"} – erases the fan's personal data (privacy
// requests), keeping the anonymous counts; audited as fan.erase. Erasing twice is a no-op.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { eraseFan } from '@/lib/fans/privacy';
import { getDb } from '@/lib/server/db';
import { fanIdOf, jsonObject, respond, type FanRouteContext } from '../../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('privacy', async (request, context: FanRouteContext, user) =>
  respond(async () => {
    const id = await fanIdOf(context);
    const body = await jsonObject(request);
    return NextResponse.json(
      await eraseFan(getDb(), id, { actorUserId: user.id, confirm: body.confirm }),
    );
  }),
);
