'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { ChartPanel } from '@/components/charts/chart-panel';
import { DataTable } from '@/components/ui/data-table';
import { dayToDate } from '@/lib/communities/dates';
import type { GrowthFilters } from '@/lib/growth/filters';

/** Share of each weekly join cohort with an engagement in week N: a triangle of shaded cells. */
export function CohortPanel({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('growth.cohorts');
  const format = useFormatter();
  const week = (day: string) =>
    format.dateTime(dayToDate(day), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const percent = (n: number, of: number) =>
    of > 0 ? format.number(n / of, { style: 'percent', maximumFractionDigits: 0 }) : '–';
  return (
    <ChartPanel
      area="growth"
      chart="cohorts"
      filters={filters}
      title={t('title')}
      description={t('description')}
      className="lg:col-span-2"
      isEmpty={(cohorts) => cohorts.length === 0}
      renderChart={(cohorts) => {
        const weeks = Math.max(...cohorts.map((c) => c.engaged.length));
        return (
          <div className="max-h-[28rem] overflow-auto">
            <table className="w-full border-separate border-spacing-0.5 text-xs tabular-nums">
              <thead className="sticky top-0 bg-white text-slate-500">
                <tr>
                  <th scope="col" className="px-1.5 py-1 text-left font-medium">
                    {t('cohort')}
                  </th>
                  <th scope="col" className="px-1.5 py-1 text-right font-medium">
                    {t('fans')}
                  </th>
                  {Array.from({ length: weeks }, (_, i) => (
                    <th key={i} scope="col" className="px-1 py-1 text-center font-medium">
                      {t('weekShort', { n: i })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.week}>
                    <th scope="row" className="px-1.5 py-1 text-left font-normal whitespace-nowrap">
                      {week(c.week)}
                    </th>
                    <td className="px-1.5 py-1 text-right text-slate-600">
                      {format.number(c.fans)}
                    </td>
                    {c.engaged.map((n, i) => {
                      const share = c.fans > 0 ? n / c.fans : 0;
                      return (
                        <td
                          key={i}
                          title={t('cell', { engaged: n, fans: c.fans })}
                          className="min-w-10 rounded px-1 py-1 text-center"
                          style={{
                            backgroundColor: `rgba(79, 70, 229, ${0.06 + share * 0.9})`,
                            color: share > 0.45 ? 'white' : '#1e293b',
                          }}
                        >
                          {percent(n, c.fans)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
      renderTable={(cohorts) => (
        <DataTable
          caption={t('title')}
          rowKey={(c) => c.week}
          rows={cohorts}
          columns={[
            { key: 'week', header: t('cohort'), cell: (c) => week(c.week) },
            { key: 'fans', header: t('fans'), cell: (c) => format.number(c.fans) },
            ...Array.from(
              { length: Math.max(0, ...cohorts.map((c) => c.engaged.length)) },
              (_, i) => ({
                key: `w${i}`,
                header: t('weekShort', { n: i }),
                cell: (c: (typeof cohorts)[number]) =>
                  c.engaged[i] === undefined ? '' : format.number(c.engaged[i]),
              }),
            ),
          ]}
        />
      )}
    />
  );
}
