import { getFormatter, getTranslations } from 'next-intl/server';
import { UnconvertedWarning } from '@/components/revenue/unconverted-warning';
import type { UnlinkedRevenue } from '@/lib/overview/unlinked-revenue';

/**
 * Revenue not yet linked to fans: the shop's customers no fan is linked to, what they paid
 * (all time, base currency) and its share of all revenue. Shown once purchases exist.
 */
export async function UnlinkedRevenueCard({
  revenue,
  settingsLink,
}: {
  revenue: UnlinkedRevenue;
  /** Whether the viewer may add currency rates (admins): the warning links to Settings. */
  settingsLink: boolean;
}) {
  const t = await getTranslations('overview.unlinked');
  const format = await getFormatter();
  const { currency } = revenue;
  if (!currency) return null;
  const money = (v: number) =>
    format.number(v, { style: 'currency', currency, maximumFractionDigits: 0 });
  return (
    <section
      aria-labelledby="unlinked-revenue"
      data-testid="unlinked-revenue"
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div>
        <h2 id="unlinked-revenue" className="text-base font-semibold">
          {t('title')}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-500">{t('description')}</p>
      </div>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">{t('revenue')}</dt>
          <dd
            data-testid="unlinked-revenue-amount"
            className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
          >
            {money(revenue.unlinked)}
          </dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">{t('share')}</dt>
          <dd
            data-testid="unlinked-revenue-share"
            className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
          >
            {revenue.share === null
              ? '–'
              : format.number(revenue.share, { style: 'percent', maximumFractionDigits: 1 })}
          </dd>
          <dd className="mt-0.5 text-xs text-slate-500 tabular-nums">
            {t('ofTotal', { total: money(revenue.total) })}
          </dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-sm text-slate-600">{t('customers')}</dt>
          <dd
            data-testid="unlinked-revenue-customers"
            className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
          >
            {format.number(revenue.customers)}
          </dd>
        </div>
      </dl>
      <UnconvertedWarning
        unconverted={revenue.unconverted}
        settingsLink={settingsLink}
        testId="unlinked-revenue-unconverted"
      />
    </section>
  );
}
