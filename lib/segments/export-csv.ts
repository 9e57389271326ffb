import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../../db/client';
import { csvText, type CsvCell } from '../csv/csv-writer';
import { segmentRowsQuery, toSegmentFan, type ResolvedFilters, type SegmentRow } from './query';

const personalCsvColumns = ['telegram_user_id', 'fan_id', 'name', 'username'];
const csvColumns = [
  'stage',
  'joined_at',
  'last_engaged_at',
  'spend',
  'window_engagements',
  'active_days',
  'tags',
  // The fan's value as of the latest fit (empty without a linked customer in it).
  'clv_12m',
  'p_alive',
  'r_score',
  'f_score',
  'm_score',
];

/** The export's columns: without fan lookup, the fan's number and the non-personal ones. */
export const segmentCsvColumns = (personal: boolean) =>
  personal ? [...personalCsvColumns, ...csvColumns] : ['fan_id', ...csvColumns];

/** Rows read from the cursor per round trip (one CSV chunk). */
export const exportBatchRows = 2000;

/**
 * How long a reader may leave a chunk untaken before the export gives up. Between two
 * batches the cursor's session stays active (no statement or idle timeout applies) with its
 * snapshot open, holding back vacuum: a reader that stalls without hanging up must not
 * hold that forever.
 */
export const exportStallMs = 120_000;

export interface ExportEnd {
  rows: number;
  /** False when the reader went away (or the query failed) before the last row. */
  completed: boolean;
  error?: unknown;
}

function cells(row: SegmentRow, personal: boolean): CsvCell[] {
  const fan = toSegmentFan(row, { personal });
  const rest = [
    fan.stage,
    fan.joinedAt,
    fan.lastEngagedAt,
    fan.spend,
    fan.windowEngagements,
    fan.activeDays,
    fan.tags.join(' '),
    fan.value?.clv12m ?? null,
    fan.value?.pAlive ?? null,
    fan.value?.r ?? null,
    fan.value?.f ?? null,
    fan.value?.m ?? null,
  ];
  return personal
    ? [fan.telegramUserId, fan.fanId, fan.name, fan.username, ...rest]
    : [fan.fanId, ...rest];
}

/**
 * Every fan of the segment as CSV, in the browser's sort order, read through a postgres.js
 * cursor one batch per pull: the next batch is read only when the reader has taken the last
 * one (backpressure), so a million rows never sit in memory. When the reader goes away,
 * cancel() closes the cursor at once and its connection goes back to the pool; a cursor left
 * waiting for a reader that never comes would hold a connection and an open snapshot forever.
 * So does a reader that stays connected but takes nothing for `stallMs`. `onEnd` hears how
 * it ended, once (for the audit log).
 */
export function segmentCsvStream(
  client: Sql,
  filters: ResolvedFilters,
  {
    personal,
    onEnd,
    stallMs = exportStallMs,
  }: { personal: boolean; onEnd?: (end: ExportEnd) => Promise<void> | void; stallMs?: number },
): ReadableStream<Uint8Array> {
  const query = new PgDialect().sqlToQuery(segmentRowsQuery(filters, { personal }));
  const columns = segmentCsvColumns(personal);
  const encoder = new TextEncoder();
  let batches: AsyncIterator<SegmentRow[]> | undefined;
  let inFlight: Promise<unknown> | undefined;
  let rows = 0;
  let header = true;
  let ended = false;
  let stall: ReturnType<typeof setTimeout> | undefined;
  const close = async () => {
    clearTimeout(stall);
    // A batch on its way must land before the cursor can be closed.
    await inFlight?.catch(() => undefined);
    await batches?.return?.();
  };
  const end = async (completed: boolean, error?: unknown) => {
    if (ended) return;
    ended = true;
    await onEnd?.({ rows, completed, error });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(stall);
        batches ??= client
          .unsafe<SegmentRow[]>(query.sql, query.params as never[])
          .cursor(exportBatchRows)
          [Symbol.asyncIterator]();
        const next = batches.next();
        inFlight = next;
        let batch: IteratorResult<SegmentRow[]>;
        try {
          batch = await next;
        } catch (error) {
          await end(false, error);
          controller.error(error);
          return;
        } finally {
          inFlight = undefined;
        }
        if (ended) return; // cancelled while this batch was on its way
        const data = batch.done ? [] : batch.value.map((row) => cells(row, personal));
        if (data.length > 0 || header)
          controller.enqueue(encoder.encode(csvText(columns, data, { header })));
        header = false;
        rows += data.length;
        if (batch.done) {
          await end(true);
          controller.close();
          return;
        }
        stall = setTimeout(() => {
          const error = new Error(`The reader took no data for ${stallMs} ms; export stopped`);
          void Promise.all([end(false, error), close()]).finally(() => controller.error(error));
        }, stallMs);
      },
      async cancel() {
        await Promise.all([end(false), close()]);
      },
    },
    // One batch read ahead at most.
    { highWaterMark: 1 },
  );
}
