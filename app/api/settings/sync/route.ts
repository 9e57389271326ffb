// GET /api/settings/sync – every community's sync_state rows (progress, last run, errors,
// flood waits); the Settings page polls it. Admins only.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { getDb } from '@/lib/server/db';
import { getSyncStatus } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async () =>
  NextResponse.json(await getSyncStatus(getDb()), { headers: { 'cache-control': 'no-store' } }),
);
