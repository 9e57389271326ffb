// GET /api/settings/replay-progress – fans still waiting for a history replay (after a time
// zone change), in total and per community; Settings polls it while any are. Admins only.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { replayProgress } from '@/lib/history/queue-replays';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async () =>
  NextResponse.json(await replayProgress(getDb()), { headers: { 'cache-control': 'no-store' } }),
);
