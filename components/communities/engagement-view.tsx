'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { EngagementChart } from '@/components/charts/engagement-chart';
import {
  defaultRangeDays,
  rangeOptions,
  rangeParams,
  type RangeDays,
} from '@/lib/communities/ranges';
import { useEngagementsPerDayQuery } from '@/lib/communities/use-engagements-per-day-query';
import { EngagementTable } from './engagement-table';
import { SegmentedControl } from '@/components/ui/segmented-control';

export function EngagementView({ communityId, today }: { communityId: number; today: string }) {
  const t = useTranslations('engagement');
  const errorText = useChartErrorText();
  const [rangeDays, setRangeDays] = useState<RangeDays>(defaultRangeDays);
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const query = useEngagementsPerDayQuery(rangeParams(communityId, today, rangeDays));
  const days = query.data?.days;
  const quiet = days !== undefined && days.every((d) => d.engagements === 0);

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-base font-semibold">{t('title')}</h2>
        <div className="flex flex-wrap items-center gap-1.5 sm:gap-2">
          <SegmentedControl
            label={t('range.label')}
            testId="engagement-range"
            value={rangeDays}
            onChange={setRangeDays}
            options={rangeOptions.map((n) => ({ value: n, label: t('range.days', { count: n }) }))}
          />
          <SegmentedControl
            label={t('view.label')}
            testId="engagement-view-toggle"
            value={mode}
            onChange={setMode}
            options={[
              { value: 'chart', label: t('view.chart') },
              { value: 'table', label: t('view.table') },
            ]}
          />
        </div>
      </div>
      <div className="mt-4" aria-busy={query.isFetching}>
        {query.isError ? (
          <LoadError
            message={t('error', { message: errorText(query.error) })}
            retryLabel={t('retry')}
            onRetry={() => void query.refetch()}
          />
        ) : !days ? (
          <div className="grid h-72 place-items-center text-sm text-slate-500">{t('loading')}</div>
        ) : mode === 'chart' ? (
          <div
            data-testid="engagement-chart"
            className={`h-72 transition-opacity ${query.isPlaceholderData ? 'opacity-60' : ''}`}
          >
            <EngagementChart data={days} />
          </div>
        ) : (
          <EngagementTable data={days} />
        )}
        {quiet && <p className="mt-3 text-sm text-slate-500">{t('quiet')}</p>}
      </div>
    </section>
  );
}
