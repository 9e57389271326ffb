'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { AuditEntryRow } from '@/lib/audit/queries';

/** An audit row as JSON: its time as an ISO string. */
export type AuditEntryJson = Omit<AuditEntryRow, 'at'> & { at: string };

const compact = (value: unknown) => (value === null ? '' : JSON.stringify(value));

export function AuditTable({ entries }: { entries: AuditEntryJson[] }) {
  const t = useTranslations('auditLog');
  const format = useFormatter();
  return (
    <div className="overflow-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t('at')}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t('actor')}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t('action')}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t('entity')}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t('details')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="align-top">
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                {format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'medium' })}
              </td>
              <td className="px-3 py-2">{e.actor ? e.actor.name : t('system')}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {e.entity}
                {e.entityId ? ` #${e.entityId}` : ''}
              </td>
              <td className="max-w-md px-3 py-2 font-mono text-xs break-all text-slate-600">
                {[compact(e.before), compact(e.after)].filter(Boolean).join(' → ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
