'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { StageBadge } from '@/components/stage-badge';
import { chartUrl, useChartQuery } from '@/lib/charts/use-chart-query';
import type { GrowthFilters } from '@/lib/growth/filters';
import type { StageMove } from '@/lib/overview/queries';
import { StageReason } from './stage-reason';

/**
 * The latest stage changes, each with the rule and numbers that decided it: the API's list
 * (/api/overview/stage-moves), prefetched by the page under the same key.
 */
export function StageMoves({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('overview.moves');
  const tCharts = useTranslations('charts');
  const errorText = useChartErrorText();
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const query = useChartQuery('overview', 'stage-moves', filters);
  const moves = query.data;
  const badge = (stage: StageMove['to']) => (
    <StageBadge variant="plain" stage={stage} label={tStage(stage)} />
  );
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-base font-semibold">{t('title')}</h2>
        <a
          href={chartUrl('overview', 'stage-moves', filters, 'csv')}
          download
          data-testid="stage-moves-csv"
          className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
        >
          {tCharts('csv')}
        </a>
      </div>
      {query.isError ? (
        <div className="mt-3">
          <LoadError
            message={tCharts('error', { message: errorText(query.error) })}
            retryLabel={tCharts('retry')}
            onRetry={() => void query.refetch()}
          />
        </div>
      ) : !moves ? (
        <p className="mt-3 text-sm text-slate-500">{tCharts('loading')}</p>
      ) : moves.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t('none')}</p>
      ) : (
        <ol data-testid="stage-moves" className="mt-3 divide-y divide-slate-100">
          {moves.map((m) => (
            <li
              key={m.id}
              className="flex flex-col gap-1 py-2.5 text-sm sm:flex-row sm:items-center sm:gap-4"
            >
              <time
                dateTime={m.at}
                className="shrink-0 text-xs text-slate-500 tabular-nums sm:w-32"
              >
                {format.dateTime(new Date(m.at), {
                  month: 'short',
                  day: 'numeric',
                  hour: 'numeric',
                  minute: '2-digit',
                })}
              </time>
              <span className="min-w-0 truncate font-medium sm:w-44" title={m.fanName}>
                {m.fanName}
              </span>
              <span className="flex shrink-0 items-center gap-1.5 text-slate-700">
                {m.from ? badge(m.from) : <span className="text-slate-400">{t('joined')}</span>}
                <span aria-hidden className="text-slate-400">
                  →
                </span>
                {badge(m.to)}
              </span>
              <span className="min-w-0 text-slate-500 sm:ml-auto sm:text-right">
                <StageReason rule={m.rule} features={m.features} />
                <span className="text-slate-400">
                  {' '}
                  · {t('rules', { version: m.ruleSetVersion })}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
