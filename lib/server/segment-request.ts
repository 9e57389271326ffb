import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { SegmentFilterError } from '../segments/errors';
import { parseSegmentFilters, type SegmentFilters } from '../segments/filters';

const reserved = new Set(['after', 'format']);

/** The segment filters of a request's query string, or a 400 that names the bad ones. */
export function segmentFiltersOf(
  request: NextRequest,
): { filters: SegmentFilters } | { response: NextResponse } {
  const input = Object.fromEntries(
    [...request.nextUrl.searchParams].filter(([key]) => !reserved.has(key)),
  );
  const parsed = parseSegmentFilters(input);
  if (parsed.ok) return { filters: parsed.filters };
  return {
    response: NextResponse.json(
      {
        error: `Invalid filters: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        issues: parsed.issues,
      },
      { status: 400 },
    ),
  };
}

/** Runs `work`, turning a filter that names something missing into a 400. */
export async function answerSegment(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SegmentFilterError)
      return NextResponse.json(
        {
          error: `Invalid filters: ${error.message}`,
          issues: [{ path: error.path, message: error.message }],
        },
        { status: 400 },
      );
    throw error;
  }
}
