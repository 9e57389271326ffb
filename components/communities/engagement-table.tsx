import { useFormatter, useTranslations } from 'next-intl';
import { dayToDate } from '@/lib/communities/dates';
import type { EngagementDay } from '@/lib/communities/types';

const columns = ['engagements', 'messages', 'reactions', 'activeFans'] as const;

/** The chart's numbers as a table, newest day first. */
export function EngagementTable({ data }: { data: EngagementDay[] }) {
  const t = useTranslations('engagement');
  const format = useFormatter();
  return (
    <div className="max-h-80 overflow-auto rounded-lg border border-slate-200">
      <table
        data-testid="engagement-table"
        className="w-full text-sm whitespace-nowrap tabular-nums"
      >
        <caption className="sr-only">{t('title')}</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-2 sm:px-3 py-2 text-left font-medium">
              {t('columns.day')}
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-2 sm:px-3 py-2 text-right font-medium">
                {t(`series.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...data].reverse().map((row) => (
            <tr key={row.day} className="hover:bg-slate-50">
              <th scope="row" className="px-2 sm:px-3 py-1.5 text-left font-normal">
                <time dateTime={row.day}>
                  {format.dateTime(dayToDate(row.day), {
                    year: 'numeric',
                    month: '2-digit',
                    day: '2-digit',
                  })}
                </time>
              </th>
              {columns.map((c) => (
                <td key={c} className="px-2 sm:px-3 py-1.5 text-right">
                  {format.number(row[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
