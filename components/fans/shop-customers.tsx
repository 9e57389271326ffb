'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { ApiRequestError, apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import { linkProblemOf } from '@/lib/fans/customer-link-problem';
import type { FanCustomer } from '@/lib/revenue/customer-links';
import { useFanErrorMessage } from './use-fan-error-message';

type Answer = { customers: FanCustomer[] };
type Notice = { kind: 'linked' | 'unlinked'; key: string; purchases: number };

/**
 * The shop customers linked to the fan: how each was linked, its orders and net revenue,
 * its value scores explained; unlinking one (after a confirmation) and linking one by its
 * shop id. Either change moves the customer's purchases and replays the fan's history, so
 * the fan's timeline and stage are read again.
 */
export function ShopCustomers({
  fanId,
  currency,
  initialCustomers,
  erased,
}: {
  fanId: number;
  /** The base currency revenue and value are in. */
  currency: string | null;
  initialCustomers: FanCustomer[];
  erased: boolean;
}) {
  const t = useTranslations('fans.customers');
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useFanErrorMessage();
  const id = useId();
  const key = queryKeys.fans.customers(fanId);
  const { data: customers } = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      (await apiFetch<Answer>(`/api/fans/${fanId}/customers`, { signal })).customers,
    initialData: initialCustomers,
    staleTime: Infinity,
  });
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const changed = (answer: Answer) => {
    queryClient.setQueryData(key, answer.customers);
    // Purchases moved: the timeline shows them; the stage follows once the history is
    // replayed (the page's server part is read again).
    void queryClient.invalidateQueries({
      queryKey: queryKeys.fans.timeline(fanId).slice(0, 3),
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.fans.profile(fanId) });
    router.refresh();
  };
  const link = useMutation({
    mutationFn: (customerId: string) =>
      apiFetch<Answer & { purchasesMoved: number }>(`/api/fans/${fanId}/customers`, {
        method: 'POST',
        body: { customerId },
      }),
    onSuccess: (answer, customerId) => {
      changed(answer);
      setNotice({ kind: 'linked', key: customerId.trim(), purchases: answer.purchasesMoved });
      setTyped('');
    },
  });
  const unlink = useMutation({
    mutationFn: (customer: FanCustomer) =>
      apiFetch<Answer & { purchasesMoved: number }>(`/api/fans/${fanId}/customers/${customer.id}`, {
        method: 'DELETE',
      }),
    onSuccess: (answer, customer) => {
      changed(answer);
      setConfirming(null);
      setNotice({ kind: 'unlinked', key: customer.customerKey, purchases: answer.purchasesMoved });
    },
  });

  const money = (amount: number) =>
    currency
      ? format.number(amount, { style: 'currency', currency })
      : format.number(amount, { maximumFractionDigits: 2 });
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: 'medium' }) : t('unknown');
  const problem = link.error instanceof ApiRequestError ? linkProblemOf(link.error) : null;
  const fieldProblem =
    problem && problem.kind !== 'fan_gone' && problem.kind !== 'linked_elsewhere';
  const linkError = (): ReactNode => {
    if (!link.error) return null;
    if (!problem) return errorMessage(link.error);
    switch (problem.kind) {
      case 'required':
        return t('link.required');
      case 'too_long':
        return t('link.tooLong', { maximum: problem.maximum });
      case 'unknown_customer':
        return t('link.unknown', { key: link.variables?.trim() ?? '' });
      case 'fan_gone':
        return t('link.fanGone');
      case 'linked_elsewhere':
        return problem.fanId === null
          ? t('link.elsewhere', { key: link.variables?.trim() ?? '' })
          : t.rich('link.elsewhereFan', {
              key: link.variables?.trim() ?? '',
              fan: problem.fanId,
              fanLink: (chunks) => (
                <Link
                  href={`/fans/${problem.fanId}`}
                  className="font-medium underline hover:text-red-900"
                >
                  {chunks}
                </Link>
              ),
            });
    }
  };
  const button =
    'rounded-lg px-2.5 py-1 text-sm font-medium whitespace-nowrap shadow-sm disabled:cursor-not-allowed disabled:opacity-50';

  return (
    <div className="flex flex-col gap-4 text-sm">
      <div aria-live="polite" className="empty:hidden">
        {notice && (
          <p
            data-testid="fan-customers-notice"
            className="rounded-lg bg-emerald-50 p-3 text-emerald-800"
          >
            {t(notice.kind === 'linked' ? 'linkedNotice' : 'unlinkedNotice', {
              key: notice.key,
              purchases: notice.purchases,
            })}
          </p>
        )}
      </div>
      {customers.length === 0 ? (
        <p data-testid="fan-customers-none" className="text-slate-500">
          {t('none')}
        </p>
      ) : (
        <ul data-testid="fan-customers" className="flex flex-col divide-y divide-slate-100">
          {customers.map((c) => (
            <li
              key={c.id}
              data-testid="fan-customer"
              data-customer={c.customerKey}
              className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p
                    data-testid="fan-customer-key"
                    className="font-mono font-medium break-all text-slate-900"
                  >
                    {c.customerKey}
                  </p>
                  <p data-testid="fan-customer-linked-by" className="text-xs text-slate-500">
                    {t(`linkedBy.${c.linkedBy}`)}
                    {c.linkedAt && ` · ${date(c.linkedAt)}`}
                  </p>
                </div>
                {!erased && confirming !== c.id && (
                  <button
                    type="button"
                    data-testid="fan-customer-unlink"
                    onClick={() => {
                      unlink.reset();
                      setConfirming(c.id);
                    }}
                    className={`border border-slate-200 bg-white text-slate-700 hover:border-red-200 hover:bg-red-50 hover:text-red-700 ${button}`}
                  >
                    {t('unlink')}
                  </button>
                )}
              </div>
              {confirming === c.id && (
                <div
                  role="alertdialog"
                  aria-labelledby={`${id}-unlink-${c.id}`}
                  data-testid="fan-customer-unlink-confirm"
                  className="flex flex-col gap-2 rounded-lg bg-red-50 p-3 text-red-950"
                >
                  <p id={`${id}-unlink-${c.id}`}>
                    {t('unlinkConfirm', { key: c.customerKey, orders: c.orders })}
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      data-testid="fan-customer-unlink-submit"
                      disabled={unlink.isPending}
                      onClick={() => unlink.mutate(c)}
                      className={`bg-red-600 text-white hover:bg-red-700 ${button}`}
                    >
                      {unlink.isPending ? t('unlinking') : t('unlinkSubmit')}
                    </button>
                    <button
                      type="button"
                      disabled={unlink.isPending}
                      onClick={() => {
                        setConfirming(null);
                        unlink.reset();
                      }}
                      className={`border border-slate-200 bg-white text-slate-700 hover:bg-slate-100 ${button}`}
                    >
                      {t('cancel')}
                    </button>
                  </div>
                  {unlink.isError && (
                    <p role="alert" className="text-red-700">
                      {errorMessage(unlink.error)}
                    </p>
                  )}
                </div>
              )}
              <dl className="flex flex-wrap gap-2">
                {[
                  { label: t('orders'), value: format.number(c.orders), testId: 'orders' },
                  {
                    label: t('revenue'),
                    value: money(Number(c.revenue)),
                    testId: 'revenue',
                  },
                  { label: t('lastOrder'), value: date(c.lastOrderAt), testId: 'last-order' },
                ].map((f) => (
                  <div key={f.testId} className="grow basis-24 rounded-lg bg-slate-50 px-2 py-1.5">
                    <dt className="truncate text-xs text-slate-500" title={f.label}>
                      {f.label}
                    </dt>
                    <dd
                      data-testid={`fan-customer-${f.testId}`}
                      className="font-medium whitespace-nowrap text-slate-900 tabular-nums"
                    >
                      {f.value}
                    </dd>
                  </div>
                ))}
              </dl>
              <CustomerValue value={c.value} money={money} />
            </li>
          ))}
        </ul>
      )}
      {!erased && (
        <form
          noValidate
          data-testid="fan-customer-link-form"
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            link.mutate(typed);
          }}
          className="flex flex-col gap-1.5 border-t border-slate-100 pt-3"
        >
          <label htmlFor={`${id}-link`} className="font-medium text-slate-700">
            {t('link.label')}
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-link`}
              data-testid="fan-customer-link-input"
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                link.reset();
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('link.placeholder')}
              aria-invalid={fieldProblem ? true : undefined}
              aria-describedby={`${id}-link-help`}
              className={`min-w-0 flex-1 rounded-lg border px-2.5 py-1.5 font-mono text-sm placeholder:font-sans placeholder:text-slate-400 focus:ring-2 focus:outline-none ${
                fieldProblem
                  ? 'border-red-400 focus:border-red-500 focus:ring-red-100'
                  : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-200'
              }`}
            />
            <button
              type="submit"
              data-testid="fan-customer-link-submit"
              disabled={link.isPending}
              className={`shrink-0 bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700 ${button}`}
            >
              {link.isPending ? t('link.linking') : t('link.submit')}
            </button>
          </div>
          {link.isError ? (
            <p
              id={`${id}-link-help`}
              role="alert"
              data-testid="fan-customer-link-error"
              className="text-red-700"
            >
              {linkError()}
            </p>
          ) : (
            <p id={`${id}-link-help`} className="text-xs text-slate-500">
              {t('link.help')}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

/** The customer's value scores, each with what it means; or why there are none yet. */
function CustomerValue({
  value,
  money,
}: {
  value: FanCustomer['value'];
  money: (amount: number) => string;
}) {
  const t = useTranslations('fans.customers.value');
  const format = useFormatter();
  if (!value)
    return (
      <p data-testid="fan-customer-no-value" className="text-xs text-slate-500">
        {t('notComputed')}
      </p>
    );
  const fitted = (n: number | null, shown: (n: number) => string) =>
    n === null ? t('notFitted') : shown(n);
  const b = (chunks: ReactNode) => (
    <span className="font-semibold whitespace-nowrap text-slate-900 tabular-nums">{chunks}</span>
  );
  const lines = [
    {
      testId: 'p-alive',
      text: t.rich('pAlive', {
        value: fitted(value.pAlive, (p) =>
          format.number(p, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
        ),
        b,
      }),
    },
    {
      testId: 'expected',
      text: t.rich('expected', {
        value: fitted(value.expectedPurchases90d, (n) =>
          format.number(n, { maximumFractionDigits: 2 }),
        ),
        b,
      }),
    },
    { testId: 'clv', text: t.rich('clv', { value: fitted(value.clv12m, money), b }) },
    { testId: 'rfm', text: t.rich('rfm', { r: value.r, f: value.f, m: value.m, b }) },
  ];
  return (
    <div className="rounded-lg border border-slate-100 px-3 py-2">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t('title')}</p>
      <ul data-testid="fan-customer-value" className="mt-1 flex flex-col gap-1 text-slate-600">
        {lines.map((l) => (
          <li key={l.testId} data-testid={`fan-customer-${l.testId}`}>
            {l.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
