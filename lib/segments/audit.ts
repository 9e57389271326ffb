import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import type { ExportEnd } from './export-csv';
import { segmentSearchParams, type SegmentFilters } from './filters';
import type { SegmentReader } from './query';

/** The filters as the audit log keeps them: the URL form, e.g. { stage: 'churned' }. */
export const auditedFilters = (filters: SegmentFilters) =>
  Object.fromEntries(segmentSearchParams(filters));

/**
 * One audit row per segment export, when it ends: who, which filters, how many rows left
 * and whether the download finished; never the rows themselves. The download has already
 * gone out, so a failure here is logged rather than answered.
 */
export async function recordSegmentExport(
  db: Executor,
  {
    userId,
    filters,
    reader,
    end,
  }: { userId: number; filters: SegmentFilters; reader: SegmentReader; end: ExportEnd },
): Promise<void> {
  try {
    await recordAudit(db, {
      actorUserId: userId,
      action: 'segment.export',
      entity: 'segment',
      after: {
        filters: auditedFilters(filters),
        rows: end.rows,
        completed: end.completed,
        personal: reader.personal,
        ...(end.error ? { error: String(end.error) } : {}),
      },
    });
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        what: 'segment export audit',
        userId,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }
}
