'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { DataTable } from '@/components/ui/data-table';
import { stageColors, stageOrder } from '@/components/charts/stage-colors';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { addDays, dayToDate } from '@/lib/communities/dates';

const ranges = [30, 90, 180] as const;

/** Fans per stage at the end of each finished day, stacked. */
export function StageCountsPanel({ communityId, today }: { communityId: number; today: string }) {
  const t = useTranslations('overview.counts');
  const [rangeDays, setRangeDays] = useState<(typeof ranges)[number]>(90);
  const filters = { communityId, from: addDays(today, -rangeDays), to: addDays(today, -1) };
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const day = (d: string) =>
    format.dateTime(dayToDate(d), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <ChartPanel
      area="overview"
      chart="stage-counts"
      filters={filters}
      title={t('title')}
      description={t('description')}
      controls={
        <SegmentedControl
          label={t('range')}
          testId="stage-counts-range"
          value={rangeDays}
          onChange={setRangeDays}
          options={ranges.map((n) => ({ value: n, label: t('days', { count: n }) }))}
        />
      }
      isEmpty={(days) => days.length === 0}
      renderChart={(days) => (
        <div className="h-72">
          <AreaChart
            responsive
            data={days}
            margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
            style={{ width: '100%', height: '100%' }}
            accessibilityLayer
          >
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={day}
              tick={axisTick}
              tickLine={false}
              minTickGap={16}
            />
            <YAxis
              tickFormatter={(v) => format.number(Number(v), { notation: 'compact' })}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              width="auto"
            />
            <Tooltip
              labelFormatter={(l) => day(String(l))}
              formatter={(v) => format.number(Number(v))}
            />
            <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
            {stageOrder.map((s) => (
              <Area
                key={s}
                dataKey={s}
                name={tStage(s)}
                stackId="stages"
                stroke={stageColors[s]}
                fill={stageColors[s]}
                fillOpacity={0.75}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </div>
      )}
      renderTable={(days) => (
        <DataTable
          caption={t('title')}
          rowKey={(d) => d.day}
          rows={[...days].reverse()}
          columns={[
            { key: 'day', header: t('day'), cell: (d) => day(d.day) },
            ...stageOrder.map((s) => ({
              key: s,
              header: tStage(s),
              cell: (d: (typeof days)[number]) => format.number(d[s]),
            })),
          ]}
        />
      )}
    />
  );
}
