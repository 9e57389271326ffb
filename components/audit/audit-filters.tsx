'use client';

import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';

export interface AuditFilterValues {
  actor: string;
  action: string;
  /** datetime-local values, in the browser's zone. */
  from: string;
  to: string;
}

export interface AuditFilterOptions {
  actions: string[];
  actors: { id: number; name: string; email: string }[];
}

const field = 'rounded-lg border border-slate-300 px-2 py-1.5 text-sm';

export function AuditFilters({
  options,
  onApply,
  onReset,
  csvHref,
}: {
  options: AuditFilterOptions;
  onApply: (filters: AuditFilterValues) => void;
  onReset: () => void;
  csvHref: string;
}) {
  const t = useTranslations('auditLog');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '');
    onApply({
      actor: value('actor'),
      action: value('action'),
      from: value('from'),
      to: value('to'),
    });
  };
  return (
    <form
      aria-label={t('filters')}
      onSubmit={submit}
      onReset={onReset}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <label className="flex flex-col gap-1 text-sm text-slate-600">
        {t('actor')}
        <select name="actor" className={field} data-testid="audit-actor">
          <option value="">{t('anyActor')}</option>
          {options.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm text-slate-600">
        {t('action')}
        <select name="action" className={field} data-testid="audit-action">
          <option value="">{t('anyAction')}</option>
          {options.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm text-slate-600">
        {t('from')}
        <input type="datetime-local" name="from" className={field} />
      </label>
      <label className="flex flex-col gap-1 text-sm text-slate-600">
        {t('to')}
        <input type="datetime-local" name="to" className={field} />
      </label>
      <button
        type="submit"
        data-testid="audit-apply"
        className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
      >
        {t('apply')}
      </button>
      <button
        type="reset"
        className="rounded-lg px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
      >
        {t('reset')}
      </button>
      <a
        href={csvHref}
        data-testid="audit-csv"
        className="ml-auto rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        {t('download')}
      </a>
    </form>
  );
}
