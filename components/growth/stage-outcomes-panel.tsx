'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { DataTable } from '@/components/ui/data-table';
import { SegmentedControl } from '@/components/ui/segmented-control';
import type { GrowthFilters } from '@/lib/growth/filters';
import type { StageOutcomes } from '@/lib/growth/stage-outcomes';

const horizonColors = { 7: '#a5b4fc', 30: '#6366f1', 90: '#3730a3' } as const;
const horizonList = [7, 30, 90] as const;
type Metric = 'retention' | 'conversion';

/** Of fans in a stage on a Monday: share not churned, or moved to a better stage, N days later. */
export function StageOutcomesPanel({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('growth.outcomes');
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const [metric, setMetric] = useState<Metric>('retention');
  const share = (o: StageOutcomes, h: (typeof horizonList)[number], m: Metric) => {
    const { fans, kept, better } = o.horizons[h];
    return fans > 0 ? (m === 'retention' ? kept : better) / fans : null;
  };
  const percent = (v: number | null) =>
    v === null ? '–' : format.number(v, { style: 'percent', maximumFractionDigits: 1 });
  // Conversion to a better stage means nothing for high value (there is none).
  const shown = (rows: StageOutcomes[]) =>
    rows.filter((o) => o.samples > 0 && (metric === 'retention' || o.stage !== 'high_value'));
  return (
    <ChartPanel
      area="growth"
      chart="stage-outcomes"
      filters={filters}
      title={t('title')}
      description={t('description')}
      isEmpty={(rows) => rows.every((o) => o.samples === 0)}
      renderChart={(rows) => (
        <div className="flex flex-col items-start gap-3">
          <SegmentedControl
            label={t('metric')}
            testId="outcomes-metric"
            value={metric}
            onChange={setMetric}
            options={[
              { value: 'retention', label: t('retention') },
              { value: 'conversion', label: t('conversion') },
            ]}
          />
          <div className="h-64 w-full">
            <BarChart
              responsive
              data={shown(rows).map((o) => ({
                stage: tStage(o.stage),
                ...Object.fromEntries(horizonList.map((h) => [`d${h}`, share(o, h, metric)])),
              }))}
              margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
              style={{ width: '100%', height: '100%' }}
              accessibilityLayer
            >
              <CartesianGrid stroke={gridStroke} vertical={false} />
              <XAxis dataKey="stage" tick={axisTick} tickLine={false} />
              <YAxis
                domain={[0, 1]}
                tickFormatter={(v) => percent(Number(v))}
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                width="auto"
              />
              <Tooltip formatter={(v) => percent(v === null ? null : Number(v))} />
              <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
              {horizonList.map((h) => (
                <Bar
                  key={h}
                  dataKey={`d${h}`}
                  name={t('after', { days: h })}
                  fill={horizonColors[h]}
                  radius={[3, 3, 0, 0]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </div>
        </div>
      )}
      renderTable={(rows) => (
        <DataTable
          caption={t('title')}
          rowKey={(o) => o.stage}
          rows={rows.filter((o) => o.samples > 0)}
          columns={[
            { key: 'stage', header: t('stage'), cell: (o) => tStage(o.stage) },
            { key: 'samples', header: t('samples'), cell: (o) => format.number(o.samples) },
            ...horizonList.flatMap((h) => [
              {
                key: `r${h}`,
                header: t('retentionAt', { days: h }),
                cell: (o: StageOutcomes) => percent(share(o, h, 'retention')),
              },
              {
                key: `c${h}`,
                header: t('conversionAt', { days: h }),
                cell: (o: StageOutcomes) => percent(share(o, h, 'conversion')),
              },
            ]),
          ]}
        />
      )}
    />
  );
}
