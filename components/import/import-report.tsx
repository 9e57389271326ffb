import { useFormatter, useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import type { CommunityReport, ImportReport } from '@/lib/telegram-export/import-export';

const tallies = ['messages', 'reactions', 'joins', 'leaves', 'invites', 'channel_posts'] as const;

/** What an import added, per community, and what it skipped and why. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const t = useTranslations('import.report');
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  return (
    <section
      data-testid="import-report"
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 className="text-base font-semibold">{t('title', { file: report.file })}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(
          [
            ['fans', report.added.fans],
            ['events', report.added.events],
            ['memberships', report.added.memberships],
            ['alreadyStored', report.added.alreadyStored],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{t(`added.${key}`)}</dt>
            <dd data-testid={`import-added-${key}`} className="text-xl font-semibold tabular-nums">
              {n(value)}
            </dd>
          </div>
        ))}
      </dl>
      <DataTable
        caption={t('communities')}
        rowKey={(c: CommunityReport) => String(c.telegramId)}
        rows={report.communities}
        columns={[
          { key: 'title', header: t('community'), cell: (c) => c.title },
          ...tallies.map((k) => ({
            key: k,
            header: t(`tally.${k}`),
            cell: (c: CommunityReport) => n(c[k]),
          })),
        ]}
      />
      {report.unstorable.cleaned + report.unstorable.setAside > 0 && (
        <div data-testid="import-unstorable">
          <h3 className="text-sm font-semibold">{t('unstorable.title')}</h3>
          <p className="mt-1 text-sm text-slate-600">
            {t('unstorable.counts', {
              cleaned: report.unstorable.cleaned,
              setAside: report.unstorable.setAside,
            })}
          </p>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
            {report.unstorable.records.map((r, i) => (
              <li key={i}>
                {t('unstorable.record', {
                  record: r.record,
                  fields: r.fields.join(', '),
                  outcome: r.outcome,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(report.skippedChats.length > 0 || Object.keys(report.skipped).length > 0) && (
        <div>
          <h3 className="text-sm font-semibold">{t('skipped')}</h3>
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
            {report.skippedChats.map((c) => (
              <li key={c.chat}>{c.reason}</li>
            ))}
            {Object.entries(report.skipped).map(([reason, count]) => (
              <li key={reason}>{t('skippedRecords', { reason, count })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
