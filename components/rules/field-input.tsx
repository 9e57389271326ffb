'use client';

import { useTranslations } from 'next-intl';
import type { FieldIssue } from '@/lib/api/errors';
import type { RuleField } from '@/lib/rules/fields';
import { FieldError } from './field-error';
import { useRuleFormat } from './use-rule-format';

/** One rule value of the draft: its input, range and published value, and its refusal. */
export function FieldInput({
  field,
  value,
  published,
  issue,
  changed,
  onChange,
}: {
  field: RuleField;
  value: string;
  published: number;
  issue: FieldIssue | undefined;
  changed: boolean;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('rules');
  const f = useRuleFormat();
  const id = `draft-${field.name}`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="flex flex-col text-sm">
        <span className="font-medium text-slate-800">{f.label(field.name)}</span>
        <code className="truncate text-[11px] text-slate-400">{field.name}</code>
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={field.name}
          type="number"
          inputMode="numeric"
          step={1}
          min={field.min}
          max={field.max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={`draft-field-${field.name}`}
          aria-invalid={issue ? true : undefined}
          aria-describedby={`${id}-hint${issue ? ` ${id}-error` : ''}`}
          className={`w-32 rounded-lg border px-2.5 py-1.5 text-sm tabular-nums shadow-xs outline-none focus:ring-2 ${
            issue
              ? 'border-red-400 bg-red-50 focus:ring-red-200'
              : changed
                ? 'border-indigo-400 bg-indigo-50/50 focus:ring-indigo-200'
                : 'border-slate-300 focus:border-indigo-400 focus:ring-indigo-200'
          }`}
        />
        {field.unit === 'days' && (
          <span className="text-sm text-slate-500">{t('units.dayWord')}</span>
        )}
        {changed && (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
            {t('draft.changed')}
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t('draft.hint', {
          min: f.number(field.min),
          max: f.number(field.max),
          published: f.value(field.name, published),
        })}
      </p>
      {issue && (
        <FieldError
          id={`${id}-error`}
          testId={`draft-error-${field.name}`}
          issue={issue}
          kind="value"
        />
      )}
    </div>
  );
}
