// GET /api/fans?q=<@username | Telegram id | name prefix | customer id | #fan id>
// Fan lookup for support (and admins): up to 50 fans, best kind of match first.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { parseFanQuery, searchFans } from '@/lib/fans/search';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('fans', async (request) => {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  const parsed = parseFanQuery(q);
  if (!parsed.ok)
    return NextResponse.json(
      { error: `Invalid search: ${parsed.message}`, code: parsed.problem },
      { status: 400 },
    );
  return NextResponse.json({ query: parsed.query, ...(await searchFans(getDb(), parsed.query)) });
});
