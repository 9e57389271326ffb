'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import { AuditFilters, type AuditFilterValues, type AuditFilterOptions } from './audit-filters';
import { AuditTable, type AuditEntryJson } from './audit-table';

interface AuditPageJson {
  entries: AuditEntryJson[];
  nextCursor: number | null;
}

/** The filters as the API's query string (times in ISO 8601, from the browser's zone). */
function searchOf(filters: AuditFilterValues, extra: Record<string, string> = {}) {
  const search = new URLSearchParams(extra);
  if (filters.actor) search.set('actor', filters.actor);
  if (filters.action) search.set('action', filters.action);
  if (filters.from) search.set('from', new Date(filters.from).toISOString());
  if (filters.to) search.set('to', new Date(filters.to).toISOString());
  return search;
}

const noFilters: AuditFilterValues = { actor: '', action: '', from: '', to: '' };

export function AuditView({
  options,
  firstPage,
}: {
  options: AuditFilterOptions;
  firstPage: AuditPageJson;
}) {
  const t = useTranslations('auditLog');
  const [filters, setFilters] = useState<AuditFilterValues>(noFilters);
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit.page(filters),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<AuditPageJson>(
        `/api/audit?${searchOf(filters, pageParam ? { after: String(pageParam) } : {})}`,
        { signal },
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: filters === noFilters ? { pages: [firstPage], pageParams: [0] } : undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <AuditFilters
        options={options}
        onApply={setFilters}
        onReset={() => setFilters(noFilters)}
        csvHref={`/api/audit?${searchOf(filters, { format: 'csv' })}`}
      />
      {query.isError ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t('error', { message: query.error.message })}
        </p>
      ) : query.isPending ? (
        <p className="text-sm text-slate-500">{t('loading')}</p>
      ) : entries.length === 0 ? (
        <p data-testid="audit-empty" className="text-sm text-slate-500">
          {t('empty')}
        </p>
      ) : (
        <AuditTable entries={entries} />
      )}
      {query.hasNextPage ? (
        <button
          type="button"
          data-testid="audit-more"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="self-start rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          {query.isFetchingNextPage ? t('loading') : t('more')}
        </button>
      ) : null}
    </div>
  );
}
