'use client';

import type { SegmentFilters } from '@/lib/segments/filters';
import type { SavedSegment } from '@/lib/segments/saved';
import { FilterForm } from './filter-form';
import { SavedSegments } from './saved-segments';
import { SegmentResults } from './segment-results';

/** The segment page: filters, the fans they match, and the saved segments. */
export function SegmentBrowser({
  filters,
  query,
  tags,
  communities,
  saved,
}: {
  filters: SegmentFilters;
  /** The filters as a query string, as the API takes them. */
  query: string;
  tags: string[];
  communities: { id: number; title: string }[];
  saved: SavedSegment[];
}) {
  return (
    <div className="flex flex-col gap-4">
      <FilterForm key={query} filters={filters} tags={tags} communities={communities} />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <SegmentResults query={query} />
        <SavedSegments query={query} initial={saved} />
      </div>
    </div>
  );
}
