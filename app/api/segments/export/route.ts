// GET /api/segments/export?<filters> – every fan of the segment as CSV, streamed
import { PassThrough, Readable } from 'node:stream';
import { guardRoute } from '@/lib/auth/guard';
import { getDb, getSqlClient } from '@/lib/server/db';
import { answerSegment, segmentFiltersOf } from '@/lib/server/segment-request';
import { writeSegmentCsv } from '@/lib/segments/export-csv';
import { resolveFilters } from '@/lib/segments/query';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('segments', async (request) => {
  const parsed = segmentFiltersOf(request);
  if ('response' in parsed) return parsed.response;
  return answerSegment(async () => {
    const db = getDb();
    // Checked before the first byte, so an unknown tag is a 400, not a broken download.
    await resolveFilters(db, parsed.filters);
    const out = new PassThrough();
    writeSegmentCsv(getSqlClient(), parsed.filters, out).catch((error: unknown) =>
      out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    const day = new Date().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="segment-${day}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
});
