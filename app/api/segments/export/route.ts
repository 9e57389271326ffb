// GET /api/segments/export?<filters> – every fan of the segment as CSV, streamed from the
// export pool; names and Telegram ids only for roles with fan lookup. Audited when it ends.
import { defineRoute } from '@/lib/api/define-route';
import { getDb, getExportSql } from '@/lib/server/db';
import { recordSegmentExport } from '@/lib/segments/audit';
import { segmentCsvStream } from '@/lib/segments/export-csv';
import { segmentFiltersSchema } from '@/lib/segments/filters';
import { resolveFilters } from '@/lib/segments/query';
import { segmentReaderOf } from '@/lib/segments/reader';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'segments', query: segmentFiltersSchema },
  async ({ query: filters, user }) => {
    // Checked before the first byte, so an unknown tag is a 400, not a broken download.
    const resolved = await resolveFilters(getDb(), filters);
    const reader = segmentReaderOf(user.role);
    const body = segmentCsvStream(getExportSql(), resolved, {
      ...reader,
      onEnd: (end) => recordSegmentExport(getDb(), { userId: user.id, filters, reader, end }),
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="segment-${day}.csv"`,
        'cache-control': 'no-store',
      },
    });
  },
);
