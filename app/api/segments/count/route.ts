// GET /api/segments/count?<filters> – how many fans the segment holds
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { answerSegment, segmentFiltersOf } from '@/lib/server/segment-request';
import { countSegment } from '@/lib/segments/query';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('segments', async (request) => {
  const parsed = segmentFiltersOf(request);
  if ('response' in parsed) return parsed.response;
  return answerSegment(async () =>
    NextResponse.json({ count: await countSegment(getDb(), parsed.filters) }),
  );
});
