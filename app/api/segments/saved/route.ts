// GET /api/segments/saved – the saved segments; POST {name, query} – save the filters in
// `query` (the browser's query string) under a name, replacing one of the same name.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { answerSegment } from '@/lib/server/segment-request';
import { parseSegmentFilters } from '@/lib/segments/filters';
import { listSegments, saveSegment } from '@/lib/segments/saved';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ name: z.string(), query: z.string().max(4000) });

export const GET = guardRoute('segments', async () =>
  NextResponse.json({ segments: await listSegments(getDb()) }),
);

export const POST = guardRoute('segments', async (request, _context: unknown, user) => {
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success)
    return NextResponse.json({ error: 'Send {"name": …, "query": …}' }, { status: 400 });
  const parsed = parseSegmentFilters(Object.fromEntries(new URLSearchParams(body.data.query)));
  if (!parsed.ok)
    return NextResponse.json(
      {
        error: `Invalid filters: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      },
      { status: 400 },
    );
  return answerSegment(async () =>
    NextResponse.json(
      await saveSegment(getDb(), {
        name: body.data.name,
        filters: parsed.filters,
        userId: user.id,
      }),
    ),
  );
});
