'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { UnconvertedWarning } from '@/components/revenue/unconverted-warning';
import { DataTable } from '@/components/ui/data-table';
import { stageColors, stageOrder } from '@/components/charts/stage-colors';
import type { ArpuChart, StageMonth } from '@/lib/growth/arpu';
import type { GrowthFilters } from '@/lib/growth/filters';

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/**
 * Revenue per fan in each stage, per month, in the base currency (purchases without a rate
 * for their day are left out, and counted in a warning).
 */
export function ArpuPanel({
  filters,
  settingsLink,
}: {
  filters: GrowthFilters;
  /** Whether the viewer may add currency rates (admins): the warning links to Settings. */
  settingsLink: boolean;
}) {
  const t = useTranslations('growth.arpu');
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const month = (m: string) =>
    format.dateTime(monthDate(m), { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const money = (v: number, currency: string) =>
    format.number(v, { style: 'currency', currency, maximumFractionDigits: 2 });
  const pivot = ({ months, currencies }: ArpuChart) => {
    const currency = currencies[0];
    const byMonth = new Map<string, Record<string, number | string>>();
    for (const m of months) {
      const row = byMonth.get(m.month) ?? { month: m.month };
      row[m.stage] = m.fans > 0 && currency ? (m.revenue[currency] ?? 0) / m.fans : 0;
      byMonth.set(m.month, row);
    }
    return [...byMonth.values()];
  };
  const header = (a: ArpuChart) => (
    <div className="mb-3 flex flex-col gap-2">
      {a.base && (
        <p data-testid="arpu-currency" className="text-xs text-slate-500">
          {t('inBase', { currency: a.base })}
        </p>
      )}
      <UnconvertedWarning
        unconverted={a.unconverted}
        settingsLink={settingsLink}
        testId="arpu-unconverted"
      />
    </div>
  );
  return (
    <ChartPanel
      area="growth"
      chart="arpu"
      filters={filters}
      title={t('title')}
      description={t('description')}
      className="lg:col-span-2"
      isEmpty={(a) => a.months.length === 0}
      renderChart={(a) => {
        const currency = a.currencies[0];
        if (!currency)
          return (
            <>
              {header(a)}
              <p className="text-sm text-slate-500">{t('noRevenue')}</p>
            </>
          );
        const present = stageOrder.filter((s) => a.months.some((m) => m.stage === s));
        return (
          <>
            {header(a)}
            <div className="h-64">
              <LineChart
                responsive
                data={pivot(a)}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
                style={{ width: '100%', height: '100%' }}
                accessibilityLayer
              >
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis dataKey="month" tickFormatter={month} tick={axisTick} tickLine={false} />
                <YAxis
                  tickFormatter={(v) => money(Number(v), currency)}
                  tick={axisTick}
                  tickLine={false}
                  axisLine={false}
                  width="auto"
                />
                <Tooltip
                  labelFormatter={(l) => month(String(l))}
                  formatter={(v) => money(Number(v), currency)}
                />
                <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
                {present.map((s) => (
                  <Line
                    key={s}
                    dataKey={s}
                    name={tStage(s)}
                    stroke={stageColors[s]}
                    strokeWidth={2}
                    dot={{ r: 3 }}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </div>
          </>
        );
      }}
      renderTable={(a) => (
        <>
          {header(a)}
          <DataTable
            caption={t('title')}
            rowKey={(m) => `${m.month}-${m.stage}`}
            rows={a.months}
            columns={[
              { key: 'month', header: t('month'), cell: (m: StageMonth) => month(m.month) },
              { key: 'stage', header: t('stage'), cell: (m) => tStage(m.stage), align: 'left' },
              { key: 'fans', header: t('fans'), cell: (m) => format.number(m.fans) },
              { key: 'paying', header: t('payingFans'), cell: (m) => format.number(m.payingFans) },
              ...a.currencies.flatMap((c) => [
                {
                  key: `rev-${c}`,
                  header: t('revenue', { currency: c }),
                  cell: (m: StageMonth) => money(m.revenue[c] ?? 0, c),
                },
                {
                  key: `arpu-${c}`,
                  header: t('arpuIn', { currency: c }),
                  cell: (m: StageMonth) => money(m.fans > 0 ? (m.revenue[c] ?? 0) / m.fans : 0, c),
                },
              ]),
            ]}
          />
        </>
      )}
    />
  );
}
