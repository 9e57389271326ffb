import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { NextResponse, type NextRequest } from 'next/server';
import type { ChartDefinition } from '../charts/define-chart';
import { parseGrowthFilters } from '../growth/filters';
import { getDb } from './db';

const fail = (status: number, error: string, issues?: { path: string; message: string }[]) =>
  NextResponse.json(issues ? { error, issues } : { error }, { status });

/**
 * GET a chart's numbers: ?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD, as JSON or,
 * with &format=csv, as a CSV download. The caller has checked the session and role.
 */
export async function chartResponse(
  charts: Record<string, ChartDefinition<unknown>>,
  name: string,
  request: NextRequest,
): Promise<Response> {
  const chart = Object.hasOwn(charts, name) ? charts[name] : undefined;
  if (!chart) return fail(404, `No chart named "${name}"`);
  const search = request.nextUrl.searchParams;
  const format = search.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv')
    return fail(400, 'Invalid request: format must be json or csv');
  const parsed = parseGrowthFilters({
    community: search.get('community') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
  });
  if (!parsed.ok)
    return fail(
      400,
      `Invalid request: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      parsed.issues,
    );
  const { filters } = parsed;
  const db = getDb();
  if (filters.communityId === 0 && chart.perCommunity)
    return fail(400, 'Invalid request: community must be one community for this chart');
  if (filters.communityId !== 0) {
    const found = await db.execute(
      sql`select 1 from communities where id = ${filters.communityId}`,
    );
    if (found.length === 0) return fail(404, `Community ${filters.communityId} not found`);
  }
  const data = await chart.query(db, filters);
  if (format === 'json') return NextResponse.json({ filters, data });
  const { columns, rows } = chart.csv(data);
  const community = filters.communityId === 0 ? 'all' : filters.communityId;
  return new Response(stringify(rows, { header: true, columns }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}-${community}-${filters.from}-${filters.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
