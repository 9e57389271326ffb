'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, colouredTick, gridStroke } from '@/components/charts/chart-theme';
import { dayToDate } from '@/lib/communities/dates';
import type { EngagementDay } from '@/lib/communities/types';

// Each y-axis takes its series' colour, so the two scales are told apart without labels.
const engagementsColor = '#6366f1';
const fansColor = '#d97706';

/** Daily engagements (bars) and active fans (line). Takes its data; never fetches. */
export function EngagementChart({ data }: { data: EngagementDay[] }) {
  const t = useTranslations('engagement');
  const format = useFormatter();
  const shortDay = (day: string) =>
    format.dateTime(dayToDate(day), { month: 'short', day: 'numeric' });
  const longDay = (day: string) =>
    format.dateTime(dayToDate(day), { year: 'numeric', month: 'long', day: 'numeric' });
  const number = (value: number) => format.number(value);

  return (
    <ComposedChart
      responsive
      data={data}
      margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
      style={{ width: '100%', height: '100%' }}
      accessibilityLayer
    >
      <CartesianGrid stroke={gridStroke} vertical={false} />
      <XAxis
        dataKey="day"
        tickFormatter={shortDay}
        tick={axisTick}
        tickLine={false}
        axisLine={{ stroke: '#cbd5e1' }}
        minTickGap={16}
      />
      <YAxis
        yAxisId="engagements"
        allowDecimals={false}
        tickFormatter={number}
        tick={colouredTick(engagementsColor)}
        tickLine={false}
        axisLine={false}
        width="auto"
      />
      <YAxis
        yAxisId="fans"
        orientation="right"
        allowDecimals={false}
        tickFormatter={number}
        tick={colouredTick(fansColor)}
        tickLine={false}
        axisLine={false}
        width="auto"
      />
      <Tooltip
        labelFormatter={(label) => longDay(String(label))}
        formatter={(value) => number(Number(value))}
        contentStyle={{ borderRadius: 8, borderColor: '#e2e8f0', fontSize: 13 }}
      />
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
      <Bar
        yAxisId="engagements"
        dataKey="engagements"
        name={t('series.engagements')}
        fill={engagementsColor}
        radius={[3, 3, 0, 0]}
        maxBarSize={28}
        isAnimationActive={false}
      />
      <Line
        yAxisId="fans"
        dataKey="activeFans"
        name={t('series.activeFans')}
        type="linear"
        stroke={fansColor}
        strokeWidth={2}
        dot={false}
        // Live data refreshes often; redrawing from zero each time distracts.
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
