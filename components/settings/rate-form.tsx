'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { useSaveRateMutation, type RateFormInput } from '@/lib/settings/currency-hooks';
import { formProblems } from '@/lib/settings/currency-issues';
import { useCurrencyMessages } from './use-currency-messages';

type FieldName = keyof RateFormInput;

export const fieldClass = (invalid: boolean) =>
  `w-full rounded-lg border bg-white px-2.5 py-1.5 text-sm font-normal text-slate-900 focus:ring-1 focus:outline-none ${
    invalid
      ? 'border-red-400 focus:border-red-500 focus:ring-red-500'
      : 'border-slate-200 focus:border-indigo-500 focus:ring-indigo-500'
  }`;

/**
 * Adds a rate into the base currency for one day, or the same rate for each day of a range.
 * The server checks every field (the browser's own checks are off, so every refusal reads
 * the same) and names each it refused.
 */
export function RateForm({
  base,
  suggested,
  notify,
}: {
  base: string;
  /** Currencies with purchases, other than the base: offered as the currency. */
  suggested: string[];
  /** A message for the panel's notice; null clears it. */
  notify: (message: string | null) => void;
}) {
  const t = useTranslations('settings.currencies.rate');
  const messages = useCurrencyMessages();
  const save = useSaveRateMutation();
  const blank: RateFormInput = { currency: suggested[0] ?? '', from: '', to: '', rate: '' };
  const [input, setInput] = useState<RateFormInput>(blank);
  const id = useId();
  const problems = save.error ? formProblems(save.error.fields) : {};
  const set = (field: FieldName, value: string) => setInput((i) => ({ ...i, [field]: value }));
  const code = input.currency.trim().toUpperCase();

  const field = (name: FieldName, control: ReactNode, hint?: string) => {
    const problem = problems[name];
    return (
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-${name}`} className="text-sm font-medium text-slate-700">
          {t(name)}
        </label>
        {control}
        {problem ? (
          <p
            id={`${id}-${name}-error`}
            data-testid={`rate-${name}-error`}
            className="text-xs text-red-700"
          >
            {messages.problem(problem)}
          </p>
        ) : hint ? (
          <p className="text-xs text-slate-500">{hint}</p>
        ) : null}
      </div>
    );
  };
  const common = (name: FieldName) => ({
    id: `${id}-${name}`,
    name,
    'data-testid': `rate-${name}`,
    value: input[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': problems[name] ? `${id}-${name}-error` : undefined,
    className: fieldClass(problems[name] !== undefined),
  });

  return (
    <form
      noValidate
      data-testid="rate-form"
      onSubmit={(e) => {
        e.preventDefault();
        notify(null);
        save.mutate(input, {
          onSuccess: (result) => {
            notify(
              t('saved', {
                saved: result.saved,
                currency: input.currency.trim().toUpperCase(),
                purchases: result.purchasesChanged,
              }),
            );
            setInput((i) => ({ ...blank, currency: i.currency }));
          },
        });
      }}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4"
    >
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t('title')}</h3>
        <p className="text-xs text-slate-500">{t('help', { base })}</p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field(
          'currency',
          <>
            <input
              {...common('currency')}
              type="text"
              list={`${id}-suggested`}
              autoComplete="off"
              spellCheck={false}
              maxLength={3}
              placeholder="USD"
              className={`${common('currency').className} uppercase placeholder:normal-case`}
            />
            <datalist id={`${id}-suggested`}>
              {suggested.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </>,
        )}
        {field('from', <input {...common('from')} type="date" />)}
        {field('to', <input {...common('to')} type="date" />, t('toHint'))}
        {field(
          'rate',
          <input
            {...common('rate')}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            placeholder="7.12"
          />,
          code ? t('rateHint', { base, currency: code }) : t('rateHintAny', { base }),
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          data-testid="rate-submit"
          disabled={save.isPending}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {save.isPending ? t('saving') : t('submit')}
        </button>
        <div aria-live="polite" className="text-sm">
          {save.isError && (
            <p role="alert" data-testid="rate-error" className="text-red-700">
              {messages.error(save.error)}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
