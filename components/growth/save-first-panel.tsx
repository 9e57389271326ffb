'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { chartUrl, useChartQuery } from '@/lib/charts/use-chart-query';
import type { GrowthFilters } from '@/lib/growth/filters';
import { segmentSearchParams } from '@/lib/segments/filters';

/**
 * "Save these first": the at-risk fans with the highest 12-month CLV, each linking to its
 * fan page for a role with fan lookup (the others see fan numbers), and the segment of
 * every at-risk fan sorted by CLV.
 */
export function SaveFirstPanel({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('growth.value.saveFirst');
  const tCharts = useTranslations('charts');
  const errorText = useChartErrorText();
  const format = useFormatter();
  const query = useChartQuery('growth', 'save-first', filters);
  const data = query.data;
  const segment = `/segments?${segmentSearchParams({
    stage: ['at_risk'],
    sort: 'clv',
    dir: 'desc',
    ...(filters.communityId === 0 ? {} : { community: filters.communityId }),
  })}`;
  const money = (v: number) =>
    data?.currency
      ? format.number(v, { style: 'currency', currency: data.currency, maximumFractionDigits: 0 })
      : format.number(v, { maximumFractionDigits: 0 });
  return (
    <section
      data-testid="save-first"
      aria-labelledby="save-first-title"
      className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="save-first-title" className="text-base font-semibold">
            {t('title')}
          </h2>
          <p className="mt-1 max-w-prose text-sm text-slate-500">{t('description')}</p>
        </div>
        <a
          href={chartUrl('growth', 'save-first', filters, 'csv')}
          download
          data-testid="save-first-csv"
          className="shrink-0 rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
        >
          {tCharts('csv')}
        </a>
      </div>
      <div className="mt-3 flex-1">
        {query.isError ? (
          <LoadError
            message={tCharts('error', { message: errorText(query.error) })}
            retryLabel={tCharts('retry')}
            onRetry={() => void query.refetch()}
          />
        ) : !data ? (
          <p className="text-sm text-slate-500">{tCharts('loading')}</p>
        ) : data.fans.length === 0 ? (
          <p data-testid="save-first-empty" className="text-sm text-slate-500">
            {t('none')}
          </p>
        ) : (
          <ol data-testid="save-first-list" className="divide-y divide-slate-100">
            {data.fans.map((f, i) => {
              const name = f.name ?? t('fanNumber', { id: f.fanId });
              return (
                <li
                  key={f.fanId}
                  data-testid="save-first-fan"
                  className="grid grid-cols-[1.5rem_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-0.5 py-2 text-sm"
                >
                  <span className="text-xs text-slate-400 tabular-nums">{i + 1}</span>
                  <span className="min-w-0">
                    {data.personal ? (
                      <a
                        href={`/fans/${f.fanId}`}
                        className="block truncate font-medium text-indigo-700 hover:underline"
                        title={name}
                      >
                        {name}
                      </a>
                    ) : (
                      <span className="block truncate font-medium tabular-nums">{name}</span>
                    )}
                    <span className="block truncate text-xs text-slate-500">
                      {[
                        f.username ? `@${f.username}` : null,
                        f.lastPurchaseAt
                          ? t('lastPurchase', { at: new Date(f.lastPurchaseAt) })
                          : t('noPurchase'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </span>
                  <span className="text-right tabular-nums">
                    <span data-testid="save-first-clv" className="block font-semibold">
                      {money(f.clv12m)}
                    </span>
                    <span className="block text-xs text-slate-500">
                      {f.pAlive === null
                        ? t('pAliveUnknown')
                        : t('pAlive', {
                            value: format.number(f.pAlive, {
                              style: 'percent',
                              maximumFractionDigits: 0,
                            }),
                          })}
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {data && (
        <a
          href={segment}
          data-testid="save-first-segment"
          className="mt-3 text-sm font-medium text-indigo-700 hover:underline"
        >
          {t('segment', { count: data.total })}
        </a>
      )}
    </section>
  );
}
