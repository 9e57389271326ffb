'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import type { CurrencyState } from '@/lib/revenue/currencies';
import { useCurrenciesQuery, useDeleteRateMutation } from '@/lib/settings/currency-hooks';
import { BaseCurrencyForm } from './base-currency-form';
import { RateForm } from './rate-form';
import { RatesUpload } from './rates-upload';
import { useCurrencyMessages } from './use-currency-messages';

type Rate = CurrencyState['rates'][number];
const rateKey = (r: { currency: string; day: string }) => `${r.currency}:${r.day}`;

/**
 * Money in several currencies (DESIGN §5b): the base currency and changing it, each
 * currency's purchases with those lacking a rate (left out of converted figures), adding
 * rates by hand or from a file, and the latest rates with their removal.
 */
export function CurrenciesPanel({ initialData }: { initialData: CurrencyState }) {
  const t = useTranslations('settings.currencies');
  const format = useFormatter();
  const messages = useCurrencyMessages();
  const { base, currencies, rates } = useCurrenciesQuery(initialData).data;
  const remove = useDeleteRateMutation();
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  // A purchase's day is a UTC day: shown as that day in any time zone.
  const day = (iso: string) =>
    format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const others = currencies.map((c) => c.currency).filter((c) => c !== base);
  const lacking = currencies.filter((c) => c.unconverted > 0);
  const suggested = [
    ...lacking.map((c) => c.currency),
    ...others.filter((c) => !lacking.some((l) => l.currency === c)),
  ].filter((c) => c !== base);
  const notify = (message: string | null) => {
    remove.reset();
    setNotice(message);
  };
  const button =
    'rounded-lg border px-2.5 py-1 text-sm font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-40';

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <p className="text-sm text-slate-600">
            {t('base')}{' '}
            <span
              data-testid="base-currency"
              className="ml-1 rounded-md bg-indigo-50 px-2 py-0.5 font-mono text-base font-semibold text-indigo-800 ring-1 ring-indigo-200"
            >
              {base ?? '—'}
            </span>
          </p>
          <BaseCurrencyForm base={base} suggested={others} notify={notify} />
        </div>
        <p data-testid="base-currency-note" className="max-w-prose text-sm text-slate-500">
          {base === null
            ? t('noBase')
            : currencies.length <= 1
              ? t('oneCurrency')
              : t('severalCurrencies', { base })}
        </p>
      </div>

      <div aria-live="polite" className="empty:hidden">
        {remove.isError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
            {messages.error(remove.error)}
          </p>
        ) : notice ? (
          <p
            data-testid="currencies-saved"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800"
          >
            {notice}
          </p>
        ) : null}
      </div>

      {lacking.length > 0 && (
        <ul
          data-testid="currencies-missing"
          className="flex flex-col gap-1 rounded-lg bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200"
        >
          {lacking.map((c) => (
            <li key={c.currency} className="flex gap-2">
              <span aria-hidden className="text-amber-600">
                ⚠
              </span>
              <span data-testid={`currency-missing-${c.currency}`}>
                {t('missing', {
                  count: c.unconverted,
                  currency: c.currency,
                  from: day(c.firstMissingDay ?? ''),
                  to: day(c.lastMissingDay ?? ''),
                  sameDay: c.firstMissingDay === c.lastMissingDay ? 'yes' : 'no',
                })}
              </span>
            </li>
          ))}
        </ul>
      )}

      {currencies.length > 0 && (
        <DataTable
          caption={t('table.caption')}
          rowKey={(c) => c.currency}
          rows={currencies}
          columns={[
            {
              key: 'currency',
              header: t('table.currency'),
              cell: (c) => (
                <span
                  data-testid={`currency-row-${c.currency}`}
                  className="flex items-center gap-2"
                >
                  <span className="font-mono font-medium">{c.currency}</span>
                  {c.currency === base && (
                    <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
                      {t('table.baseTag')}
                    </span>
                  )}
                </span>
              ),
            },
            {
              key: 'purchases',
              header: t('table.purchases'),
              cell: (c) => format.number(c.purchases),
            },
            {
              key: 'missing',
              header: t('table.missing'),
              cell: (c) =>
                c.currency === base ? (
                  <span className="text-slate-400">{t('table.notNeeded')}</span>
                ) : c.unconverted > 0 ? (
                  <span data-testid="currency-unconverted" className="font-medium text-amber-700">
                    {format.number(c.unconverted)}
                  </span>
                ) : (
                  <span data-testid="currency-unconverted" className="text-emerald-700">
                    {t('table.allConverted')}
                  </span>
                ),
            },
          ]}
        />
      )}

      {base !== null && (
        <div className="grid gap-4">
          <RateForm base={base} suggested={suggested} notify={notify} />
          <RatesUpload base={base} notify={notify} />
        </div>
      )}

      {base !== null && (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold text-slate-900">{t('rates.title')}</h3>
          {rates.length === 0 ? (
            <p data-testid="rates-none" className="text-sm text-slate-500">
              {t('rates.none')}
            </p>
          ) : (
            <>
              <DataTable<Rate>
                caption={t('rates.caption')}
                rowKey={rateKey}
                rows={rates}
                columns={[
                  { key: 'day', header: t('rates.day'), cell: (r) => day(r.day) },
                  {
                    key: 'currency',
                    header: t('rates.currency'),
                    align: 'left',
                    cell: (r) => <span className="font-mono">{r.currency}</span>,
                  },
                  {
                    key: 'rate',
                    header: t('rates.rate'),
                    cell: (r) => (
                      <span data-testid="rate-value">
                        {t('rates.value', {
                          currency: r.currency,
                          rate: format.number(Number(r.rate), { maximumFractionDigits: 10 }),
                          base,
                        })}
                      </span>
                    ),
                  },
                  {
                    key: 'delete',
                    header: <span className="sr-only">{t('rates.actions')}</span>,
                    cell: (r) => {
                      const label = t('rates.deleteOf', { currency: r.currency, day: day(r.day) });
                      const busy = remove.isPending && deleting === rateKey(r);
                      return deleting === rateKey(r) ? (
                        <span className="inline-flex items-center gap-1.5">
                          <span className="text-xs text-slate-600">{t('rates.confirm')}</span>
                          <button
                            type="button"
                            data-testid="rate-delete-confirm"
                            aria-label={label}
                            disabled={busy}
                            onClick={() =>
                              remove.mutate(
                                { currency: r.currency, day: r.day },
                                {
                                  onSuccess: (result) => {
                                    setDeleting(null);
                                    setNotice(
                                      t('rates.deleted', {
                                        currency: r.currency,
                                        day: day(r.day),
                                        purchases: result.purchasesChanged,
                                      }),
                                    );
                                  },
                                },
                              )
                            }
                            className={`border-red-200 bg-red-600 text-white hover:bg-red-700 ${button}`}
                          >
                            {t('rates.delete')}
                          </button>
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() => setDeleting(null)}
                            className={`border-slate-200 text-slate-700 hover:bg-slate-100 ${button}`}
                          >
                            {t('rates.keep')}
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          data-testid="rate-delete"
                          aria-label={label}
                          title={label}
                          disabled={remove.isPending}
                          onClick={() => {
                            setNotice(null);
                            remove.reset();
                            setDeleting(rateKey(r));
                          }}
                          className={`border-slate-200 text-slate-700 hover:border-red-200 hover:bg-red-50 hover:text-red-700 ${button}`}
                        >
                          {t('rates.delete')}
                        </button>
                      );
                    },
                  },
                ]}
              />
              <p className="text-xs text-slate-500">{t('rates.latest', { count: rates.length })}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
