'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import { SegmentTable } from './segment-table';
import { useRefusalText } from './use-refusal-text';
import { useSegmentPages } from './use-segment-pages';
import { retryUnlessRefused } from '@/lib/api/retry-unless-refused';

const button = 'rounded-lg border border-slate-200 px-3 py-1 disabled:opacity-40';

/** The live count, the CSV download, and the fans page by page. */
export function SegmentResults({ query }: { query: string }) {
  const t = useTranslations('segments');
  const format = useFormatter();
  const refusal = useRefusalText();
  const count = useQuery({
    queryKey: queryKeys.segments.count(query),
    queryFn: ({ signal }) =>
      apiFetch<{ count: number }>(`/api/segments/count?${query}`, { signal }),
    retry: retryUnlessRefused,
  });
  const pages = useSegmentPages(query);
  const page = pages.page;
  return (
    <section className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {count.isError ? (
            <span role="alert" data-testid="segment-error" className="text-red-700">
              {refusal(count.error)}
            </span>
          ) : (
            t.rich('count', {
              count: count.data?.count ?? 0,
              n: count.data ? format.number(count.data.count) : '…',
              b: (chunks) => (
                <strong
                  data-testid="segment-count"
                  className="text-base text-slate-900 tabular-nums"
                >
                  {chunks}
                </strong>
              ),
            })
          )}
        </p>
        {/* A plain link: the browser streams the file to disk, however many rows. */}
        <a
          href={`/api/segments/export?${query}`}
          download
          data-testid="segment-export"
          aria-disabled={count.isError}
          className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 aria-disabled:pointer-events-none aria-disabled:opacity-40"
        >
          {t('export')}
        </a>
      </div>
      {page.data && !page.data.personal && (
        <p data-testid="segment-names-hidden" className="text-xs text-slate-500">
          {t('namesHidden')}
        </p>
      )}
      {page.isError ? (
        <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800">
          {refusal(page.error)}
        </div>
      ) : !page.data ? (
        <div className="grid h-40 place-items-center text-sm text-slate-500">{t('loading')}</div>
      ) : (
        <div data-testid="segment-table" className={page.isPlaceholderData ? 'opacity-60' : ''}>
          <SegmentTable fans={page.data.fans} personal={page.data.personal} />
        </div>
      )}
      <div className="flex items-center justify-between gap-2 text-sm">
        <button
          type="button"
          data-testid="segment-prev"
          disabled={!pages.hasPrevious}
          onClick={pages.previous}
          className={button}
        >
          {t('previous')}
        </button>
        <span className="text-slate-500">{t('page', { n: pages.number })}</span>
        <button
          type="button"
          data-testid="segment-next"
          disabled={!pages.hasNext}
          onClick={pages.next}
          className={button}
        >
          {t('next')}
        </button>
      </div>
    </section>
  );
}
