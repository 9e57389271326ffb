'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import type { SegmentPage } from '@/lib/segments/query';
import { retryUnlessRefused } from '@/lib/api/retry-unless-refused';

/**
 * Keyset pages of the segment `query` (its filters as a query string): the cursors of the
 * pages before this one are a stack, "next" pushes the page's cursor, "previous" pops. New
 * filters start again from the first page.
 */
export function useSegmentPages(query: string) {
  const [cursors, setCursors] = useState<{ query: string; stack: string[] }>({ query, stack: [] });
  const stack = cursors.query === query ? cursors.stack : [];
  const after = stack.at(-1);
  const request = after ? `${query}${query ? '&' : ''}after=${encodeURIComponent(after)}` : query;
  const page = useQuery({
    queryKey: queryKeys.segments.page(request),
    queryFn: ({ signal }) => apiFetch<SegmentPage>(`/api/segments/fans?${request}`, { signal }),
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
  const nextCursor = page.data?.nextCursor ?? null;
  return {
    page,
    number: stack.length + 1,
    hasPrevious: stack.length > 0,
    hasNext: nextCursor !== null,
    previous: () => setCursors({ query, stack: stack.slice(0, -1) }),
    next: () => nextCursor && setCursors({ query, stack: [...stack, nextCursor] }),
  };
}
