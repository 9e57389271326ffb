// GET /api/segments/fans?<filters>[&after=<cursor>] – one page of 50 fans (keyset)
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { answerSegment, segmentFiltersOf } from '@/lib/server/segment-request';
import { getSegmentPage } from '@/lib/segments/query';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('segments', async (request) => {
  const parsed = segmentFiltersOf(request);
  if ('response' in parsed) return parsed.response;
  const after = request.nextUrl.searchParams.get('after') ?? undefined;
  return answerSegment(async () =>
    NextResponse.json(await getSegmentPage(getDb(), parsed.filters, after)),
  );
});
