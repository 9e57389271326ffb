'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { UnconvertedWarning } from '@/components/revenue/unconverted-warning';
import { DataTable } from '@/components/ui/data-table';
import type { GrowthFilters } from '@/lib/growth/filters';
import type { StageValue, ValueByStage } from '@/lib/growth/value';

const colors = { clv: '#6366f1', revenue: '#10b981' } as const;

/**
 * Per current stage, the fans with a linked customer: their 12-month CLV by the latest fit
 * (total; the mean in the table and tooltip) and their revenue in the range, both in the
 * base currency.
 */
export function ValueByStagePanel({
  filters,
  settingsLink,
}: {
  filters: GrowthFilters;
  settingsLink: boolean;
}) {
  const t = useTranslations('growth.value.byStage');
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const money = (v: number | null, currency: string | null) =>
    v === null
      ? '–'
      : currency
        ? format.number(v, { style: 'currency', currency, maximumFractionDigits: 0 })
        : format.number(v, { maximumFractionDigits: 0 });
  const shown = (d: ValueByStage) => d.stages.filter((s) => s.linkedFans > 0);
  const header = (d: ValueByStage) => (
    <div className="mb-3 flex flex-col gap-2">
      <p className="text-xs text-slate-500" data-testid="value-by-stage-basis">
        {d.fitAsOf
          ? t('basis', { currency: d.currency ?? '–', asOf: new Date(d.fitAsOf) })
          : t('noFit', { currency: d.currency ?? '–' })}
      </p>
      <UnconvertedWarning
        unconverted={d.unconverted}
        settingsLink={settingsLink}
        testId="value-by-stage-unconverted"
      />
    </div>
  );
  return (
    <ChartPanel
      area="growth"
      chart="value-by-stage"
      filters={filters}
      title={t('title')}
      description={t('description')}
      isEmpty={(d) => shown(d).length === 0}
      renderChart={(d) => (
        <>
          {header(d)}
          <div className="h-64">
            <BarChart
              responsive
              data={shown(d).map((s) => ({
                stage: tStage(s.stage),
                clv: s.clvTotal,
                revenue: s.revenue,
                mean: s.clvMean,
                fans: s.linkedFans,
              }))}
              margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
              style={{ width: '100%', height: '100%' }}
              accessibilityLayer
            >
              <CartesianGrid stroke={gridStroke} vertical={false} />
              <XAxis dataKey="stage" tick={axisTick} tickLine={false} />
              <YAxis
                tickFormatter={(v) =>
                  format.number(Number(v), { notation: 'compact', maximumFractionDigits: 1 })
                }
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                width="auto"
              />
              <Tooltip
                formatter={(v, name, item) => {
                  const row = item.payload as { mean: number | null; fans: number };
                  const value = money(Number(v), d.currency);
                  return item.dataKey === 'clv'
                    ? [
                        t('tooltipClv', {
                          value,
                          mean: money(row.mean, d.currency),
                          fans: row.fans,
                        }),
                        name,
                      ]
                    : [value, name];
                }}
              />
              <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
              <Bar
                dataKey="clv"
                name={t('clvTotal')}
                fill={colors.clv}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
              <Bar
                dataKey="revenue"
                name={t('revenue')}
                fill={colors.revenue}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            </BarChart>
          </div>
        </>
      )}
      renderTable={(d) => (
        <>
          {header(d)}
          <DataTable
            caption={t('title')}
            rowKey={(s) => s.stage}
            rows={d.stages}
            columns={[
              { key: 'stage', header: t('stage'), cell: (s: StageValue) => tStage(s.stage) },
              { key: 'linked', header: t('linkedFans'), cell: (s) => format.number(s.linkedFans) },
              { key: 'valued', header: t('valuedFans'), cell: (s) => format.number(s.valuedFans) },
              {
                key: 'total',
                header: t('clvTotal'),
                cell: (s) => money(s.clvTotal, d.currency),
              },
              { key: 'mean', header: t('clvMean'), cell: (s) => money(s.clvMean, d.currency) },
              { key: 'revenue', header: t('revenue'), cell: (s) => money(s.revenue, d.currency) },
            ]}
          />
        </>
      )}
    />
  );
}
