'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { DataTable } from '@/components/ui/data-table';
import { stageColors } from '@/components/charts/stage-colors';
import type { GrowthFilters } from '@/lib/growth/filters';

const steps = [
  { key: 'joined', stage: 'new' },
  { key: 'active', stage: 'active' },
  { key: 'core', stage: 'core' },
  { key: 'highValue', stage: 'high_value' },
] as const;

/** Fans who joined in the range and how far they got: new → active → core → high value. */
export function FunnelPanel({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('growth.funnel');
  const format = useFormatter();
  const percent = (n: number, of: number) =>
    of > 0 ? format.number(n / of, { style: 'percent', maximumFractionDigits: 1 }) : '–';
  return (
    <ChartPanel
      area="growth"
      chart="funnel"
      filters={filters}
      title={t('title')}
      description={t('description')}
      isEmpty={(f) => f.joined === 0}
      renderChart={(f) => {
        const data = steps.map((s) => ({
          name: t(`steps.${s.key}`),
          fans: f[s.key],
          label: `${format.number(f[s.key])} · ${percent(f[s.key], f.joined)}`,
          color: stageColors[s.stage],
        }));
        return (
          <div className="h-64">
            <BarChart
              responsive
              layout="vertical"
              data={data}
              margin={{ top: 0, right: 110, bottom: 0, left: 0 }}
              style={{ width: '100%', height: '100%' }}
              accessibilityLayer
            >
              <CartesianGrid stroke={gridStroke} horizontal={false} />
              <XAxis type="number" hide />
              <YAxis
                type="category"
                dataKey="name"
                width="auto"
                tick={axisTick}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip formatter={(v) => format.number(Number(v))} />
              <Bar dataKey="fans" name={t('fans')} isAnimationActive={false} radius={[0, 4, 4, 0]}>
                {data.map((d) => (
                  <Cell key={d.name} fill={d.color} />
                ))}
                <LabelList dataKey="label" position="right" fill="#334155" fontSize={12} />
              </Bar>
            </BarChart>
          </div>
        );
      }}
      renderTable={(f) => (
        <DataTable
          caption={t('title')}
          rowKey={(s) => s.key}
          rows={[...steps]}
          columns={[
            { key: 'step', header: t('step'), cell: (s) => t(`steps.${s.key}`) },
            { key: 'fans', header: t('fans'), cell: (s) => format.number(f[s.key]) },
            { key: 'share', header: t('share'), cell: (s) => percent(f[s.key], f.joined) },
          ]}
        />
      )}
    />
  );
}
