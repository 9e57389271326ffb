// GET /api/rules – the published rules, the open draft and every version with what it
// changed (admin, operator, growth).
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getRulesState } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('rules:read', async () =>
  NextResponse.json(await getRulesState(getDb())),
);
