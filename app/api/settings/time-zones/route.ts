// GET /api/settings/time-zones – the zones a community may take (Postgres's list, so every
// one offered is one the server accepts), with each one's offset from UTC now. Admins only.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { listTimeZones } from '@/lib/communities/time-zone';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async () =>
  NextResponse.json(
    { zones: await listTimeZones(getDb()) },
    // Offsets move with daylight saving, so not for long.
    { headers: { 'cache-control': 'private, max-age=3600' } },
  ),
);
