'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { SegmentedControl } from '@/components/ui/segmented-control';
import type { GrowthFilters } from '@/lib/growth/filters';
import {
  chartUrl,
  useChartQuery,
  type ChartArea,
  type ChartData,
  type ChartName,
} from '@/lib/charts/use-chart-query';

/**
 * One chart on a page: its title and help, a chart / table switch, a CSV download of the
 * same numbers, and the loading and error states. The chart and table take the data.
 */
export function ChartPanel<A extends ChartArea, N extends ChartName<A>>({
  area,
  chart,
  filters,
  title,
  description,
  isEmpty,
  renderChart,
  renderTable,
  controls,
  className = '',
}: {
  area: A;
  chart: N;
  filters: GrowthFilters;
  title: string;
  description?: ReactNode;
  isEmpty?: (data: ChartData<A, N>) => boolean;
  renderChart: (data: ChartData<A, N>) => ReactNode;
  renderTable: (data: ChartData<A, N>) => ReactNode;
  /** Extra controls of this chart, beside the chart / table switch. */
  controls?: ReactNode;
  className?: string;
}) {
  const t = useTranslations('charts');
  const errorText = useChartErrorText();
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const query = useChartQuery(area, chart, filters);
  const data = query.data;
  return (
    <section
      data-testid={`panel-${chart}`}
      className={`flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold">{title}</h2>
          {description && <p className="mt-1 max-w-prose text-sm text-slate-500">{description}</p>}
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          {controls}
          <SegmentedControl
            label={t('view.label')}
            testId={`${chart}-view-toggle`}
            value={mode}
            onChange={setMode}
            options={[
              { value: 'chart', label: t('view.chart') },
              { value: 'table', label: t('view.table') },
            ]}
          />
          <a
            href={chartUrl(area, chart, filters, 'csv')}
            download
            data-testid={`${chart}-csv`}
            className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
          >
            {t('csv')}
          </a>
        </div>
      </div>
      <div
        className={`mt-4 flex-1 transition-opacity ${query.isPlaceholderData ? 'opacity-60' : ''}`}
        aria-busy={query.isFetching}
      >
        {query.isError ? (
          <LoadError
            message={t('error', { message: errorText(query.error) })}
            retryLabel={t('retry')}
            onRetry={() => void query.refetch()}
          />
        ) : data === undefined ? (
          <div className="grid h-64 place-items-center text-sm text-slate-500">{t('loading')}</div>
        ) : isEmpty?.(data) ? (
          <div
            data-testid={`${chart}-empty`}
            className="grid h-40 place-items-center text-center text-sm text-slate-500"
          >
            {t('empty')}
          </div>
        ) : (
          <div data-testid={`${chart}-${mode}`}>
            {mode === 'chart' ? renderChart(data) : renderTable(data)}
          </div>
        )}
      </div>
    </section>
  );
}
