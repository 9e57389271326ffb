import { useFormatter, useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import type { BadRow, OrdersCsvReport } from '@/lib/revenue/import-orders';

const added = [
  'purchases',
  'refunds',
  'alreadyStored',
  'customersCreated',
  'customersLinked',
] as const;

/** What a purchase CSV added, what of it is not linked to fans, and each row not imported. */
export function OrdersCsvReportView({ report }: { report: OrdersCsvReport }) {
  const t = useTranslations('import.csv');
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  const { unlinked, badRows } = report;
  /** Why a row was refused, in the reader's language when the code says it all. */
  const problem = (row: BadRow) => {
    // Only some columns' format has words of its own (an order id's has none to break).
    const key = (
      row.code === 'format' && row.column ? `problem.format.${row.column}` : `problem.${row.code}`
    ) as 'problem.empty';
    return t.has(key) ? t(key) : row.reason;
  };
  return (
    <section
      data-testid="import-report"
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div>
        <h2 className="text-base font-semibold">{t('title', { file: report.file })}</h2>
        <p data-testid="csv-rows" className="mt-1 text-sm text-slate-600">
          {t('rows', { rows: report.rows, bad: badRows.count })}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {added.map((key) => (
          <div key={key} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{t(`added.${key}`)}</dt>
            <dd data-testid={`csv-added-${key}`} className="text-xl font-semibold tabular-nums">
              {n(report.added[key])}
            </dd>
          </div>
        ))}
      </dl>
      <div data-testid="csv-unlinked">
        <h3 className="text-sm font-semibold">{t('unlinked.title')}</h3>
        <p className="mt-1 text-sm text-slate-600">
          {unlinked.customers === 0
            ? t('unlinked.none')
            : t('unlinked.summary', {
                customers: unlinked.customers,
                orders: unlinked.orders,
                refunds: unlinked.refunds,
              })}
        </p>
        {unlinked.revenue.length > 0 && (
          <ul className="mt-1 flex flex-wrap gap-x-4 text-sm font-medium tabular-nums">
            {unlinked.revenue.map((r) => (
              <li key={r.currency} data-testid={`csv-unlinked-${r.currency}`}>
                {format.number(Number(r.amount), { style: 'currency', currency: r.currency })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {report.erased > 0 && (
        <p className="text-sm text-slate-600">{t('erased', { count: report.erased })}</p>
      )}
      {badRows.count > 0 && (
        <div data-testid="csv-bad-rows" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">{t('badRows.title', { count: badRows.count })}</h3>
          <p className="text-sm text-slate-600">{t('badRows.note')}</p>
          <DataTable
            caption={t('badRows.title', { count: badRows.count })}
            rowKey={(r: BadRow) => String(r.line)}
            rows={badRows.listed}
            columns={[
              { key: 'line', header: t('badRows.line'), cell: (r) => n(r.line) },
              {
                key: 'column',
                header: t('badRows.column'),
                align: 'left',
                cell: (r) => (r.column ? <code>{r.column}</code> : t('badRows.wholeRow')),
              },
              {
                key: 'problem',
                header: t('badRows.problem'),
                align: 'left',
                cell: (r) => <span className="whitespace-normal">{problem(r)}</span>,
              },
            ]}
          />
          {badRows.count > badRows.listed.length && (
            <p className="text-sm text-slate-600">
              {t('badRows.more', { count: badRows.count - badRows.listed.length })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
