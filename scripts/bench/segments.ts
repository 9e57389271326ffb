import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { refreshGrowthRollups } from '../../lib/growth/rollups';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { cursorSchema, type SegmentCursor } from '../../lib/segments/cursor';
import { segmentCsvStream } from '../../lib/segments/export-csv';
import { parseSegmentFilters, type SegmentFilters } from '../../lib/segments/filters';
import { countSegment, getSegmentPage, resolveFilters } from '../../lib/segments/query';
import { seconds, type Report } from './report';

const PAGES = 20;
const ROUNDS = 5;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function filters(input: Record<string, string>): SegmentFilters {
  const parsed = parseSegmentFilters(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.filters;
}

/**
 * The segment browser on the loaded history of `fans` fans, after the lifecycle job's first
 * pass: for each filter, the first PAGES pages of 50 followed by their cursors, ROUNDS
 * times (p50 / p95 of one page), and the count; then the whole-table CSV export.
 */
export async function benchSegments(
  { db, sql: client }: DbHandle,
  { fans, end }: { fans: number; end: Date },
  report: Report,
): Promise<void> {
  const [pass] = await seconds(() => refreshLifecycle(db, { asOf: end }));
  await refreshGrowthRollups(db);
  // Every twentieth fan tagged "vip", as an operator's campaign list might be.
  await db.execute(sql`insert into tags (name) values ('vip') on conflict do nothing`);
  await db.execute(sql`
    insert into fan_tags (fan_id, tag_id)
    select f.id, t.id from fans f, tags t where t.name = 'vip' and f.id % 20 = 0
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  report('segments_setup', { fans, lifecycle_first_pass_seconds: pass });
  const [community] = await db.execute<{ id: number }>(
    sql`select id from communities where kind <> 'channel' order by id limit 1`,
  );
  const cases: Record<string, Record<string, string>> = {
    all_by_join: {},
    at_risk_by_last_seen: { stage: 'at_risk', sort: 'last_seen', dir: 'asc' },
    active_core_in_group_by_spend: {
      stage: 'active,core',
      community: String(community!.id),
      sort: 'spend',
    },
    vip_silent_14_days: { tag: 'vip', silentMin: '14' },
    high_value_spend_over_100: { stage: 'high_value', spendMin: '100', sort: 'spend' },
  };
  for (const [name, input] of Object.entries(cases)) {
    const f = filters(input);
    const timings: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let after: SegmentCursor | undefined;
      for (let page = 0; page < PAGES; page++) {
        const [s, result] = await seconds(() =>
          getSegmentPage(db, f, { after: after, personal: true }),
        );
        timings.push(s * 1000);
        if (!result.nextCursor) break;
        after = cursorSchema.parse(result.nextCursor);
      }
    }
    timings.sort((a, b) => a - b);
    const counts: number[] = [];
    let matched = 0;
    for (let round = 0; round < 3; round++) {
      const [s, n] = await seconds(() => countSegment(db, f));
      counts.push(s);
      matched = n;
    }
    counts.sort((a, b) => a - b);
    const p95 = percentile(timings, 95);
    report('segment_page', {
      fans,
      filter: name,
      matched,
      pages: timings.length,
      p50_ms: +percentile(timings, 50).toFixed(1),
      p95_ms: +p95.toFixed(1),
      target_p95_ms: 150,
      count_seconds: +counts[1]!.toFixed(3),
      target_count_seconds: 1,
      met: p95 <= 150 && counts[1]! <= 1 ? 'yes' : 'no',
    });
  }
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const [exportSeconds, rows] = await seconds(async () => {
    let written = 0;
    const stream = segmentCsvStream(client, await resolveFilters(db, filters({})), {
      personal: true,
      onEnd: (end) => void (written = end.rows),
    });
    const reader = stream.getReader();
    while (!(await reader.read()).done) peak = Math.max(peak, process.memoryUsage().rss);
    return written;
  });
  report('segment_export_csv', {
    fans,
    rows,
    seconds: exportSeconds,
    rows_per_second: Math.round(rows / exportSeconds),
    rss_growth_mb: Math.round((peak - rssBefore) / 1_048_576),
  });
}
