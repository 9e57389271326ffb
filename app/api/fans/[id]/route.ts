// GET /api/fans/:id – the fan's profile, memberships, stage and tags, and why it is in
// its stage (the lifecycle engine's deciding conditions).
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getFanProfile } from '@/lib/fans/profile';
import { getStageWhy } from '@/lib/fans/why';
import { getDb } from '@/lib/server/db';
import { fanIdOf, respond, type FanRouteContext } from '../respond';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('fans', async (_request, context: FanRouteContext) =>
  respond(async () => {
    const id = await fanIdOf(context);
    const db = getDb();
    const fan = await getFanProfile(db, id);
    return NextResponse.json({ fan, why: await getStageWhy(db, id) });
  }),
);
