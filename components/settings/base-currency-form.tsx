'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useSetBaseCurrencyMutation } from '@/lib/settings/currency-hooks';
import { formProblems } from '@/lib/settings/currency-issues';
import { fieldClass } from './rate-form';
import { useCurrencyMessages } from './use-currency-messages';

/**
 * Changing the base currency: a code, then a confirmation that says what it does (every
 * purchase converted again, every fan's history replayed, rates into the old base unused).
 */
export function BaseCurrencyForm({
  base,
  suggested,
  notify,
}: {
  base: string | null;
  suggested: string[];
  /** A message for the panel's notice; null clears it. */
  notify: (message: string | null) => void;
}) {
  const t = useTranslations('settings.currencies.change');
  const messages = useCurrencyMessages();
  const change = useSetBaseCurrencyMutation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const id = useId();
  const problem = change.error ? formProblems(change.error.fields).currency : undefined;
  const close = () => {
    setOpen(false);
    setConfirming(null);
    setTyped('');
    change.reset();
  };
  const button =
    'rounded-lg px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50';

  if (!open)
    return (
      <button
        type="button"
        data-testid="base-change-open"
        onClick={() => {
          notify(null);
          setOpen(true);
        }}
        className={`border border-slate-200 bg-white text-slate-700 hover:bg-slate-100 ${button}`}
      >
        {t('open')}
      </button>
    );

  return (
    <form
      noValidate
      data-testid="base-change-form"
      onSubmit={(e) => {
        e.preventDefault();
        const currency = typed.trim().toUpperCase();
        if (!confirming) {
          change.reset();
          setConfirming(currency);
          return;
        }
        change.mutate(confirming, {
          onSuccess: (result) => {
            notify(
              result.changed
                ? t('changed', { currency: confirming, purchases: result.purchasesChanged })
                : t('unchanged', { currency: confirming }),
            );
            close();
          },
          onError: () => setConfirming(null),
        });
      }}
      className="flex w-full flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4"
    >
      <div className="flex max-w-xs flex-col gap-1">
        <label htmlFor={`${id}-currency`} className="text-sm font-medium text-slate-700">
          {t('label')}
        </label>
        <input
          id={`${id}-currency`}
          data-testid="base-change-currency"
          type="text"
          list={`${id}-suggested`}
          autoComplete="off"
          spellCheck={false}
          maxLength={3}
          placeholder={suggested[0] ?? 'USD'}
          value={typed}
          disabled={confirming !== null}
          onChange={(e) => setTyped(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-currency-error` : undefined}
          className={`${fieldClass(problem !== undefined)} uppercase placeholder:normal-case disabled:bg-slate-100`}
        />
        <datalist id={`${id}-suggested`}>
          {suggested.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {problem && (
          <p id={`${id}-currency-error`} className="text-xs text-red-700">
            {messages.problem(problem)}
          </p>
        )}
      </div>
      {confirming !== null && (
        <div
          role="alertdialog"
          aria-labelledby={`${id}-confirm-title`}
          data-testid="base-change-confirm"
          className="flex flex-col gap-1 rounded-lg bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200"
        >
          <p id={`${id}-confirm-title`} className="font-semibold">
            {t('confirmTitle', { currency: confirming })}
          </p>
          <p>{t('confirmConverted', { currency: confirming })}</p>
          <p>{t('confirmReplayed')}</p>
          {base && <p>{t('confirmRates', { currency: confirming, before: base })}</p>}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          data-testid="base-change-submit"
          disabled={change.isPending || typed.trim() === ''}
          className={`${confirming ? 'bg-amber-600 hover:bg-amber-700' : 'bg-indigo-600 hover:bg-indigo-700'} text-white ${button}`}
        >
          {change.isPending
            ? t('changing')
            : confirming
              ? t('confirm', { currency: confirming })
              : t('next')}
        </button>
        <button
          type="button"
          onClick={close}
          className={`border border-slate-200 bg-white text-slate-700 hover:bg-slate-100 ${button}`}
        >
          {t('cancel')}
        </button>
        <div aria-live="polite" className="text-sm">
          {change.isError && (
            <p role="alert" data-testid="base-change-error" className="text-red-700">
              {messages.error(change.error)}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
