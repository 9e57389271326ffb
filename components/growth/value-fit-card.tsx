'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { UnconvertedWarning } from '@/components/revenue/unconverted-warning';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import { retryUnlessRefused } from '@/lib/api/retry-unless-refused';
import type { ValueFitState } from '@/lib/growth/value-fit';

type Fit = NonNullable<ValueFitState['fit']>;
type Model = Fit['bgNbd'];

/** How often the card asks again while a fit waits for the worker or runs. */
const pollMs = 3000;

const bgNbdParams = [
  ['r', 'r'],
  ['alpha', 'α'],
  ['a', 'a'],
  ['b', 'b'],
] as const;
const gammaGammaParams = [
  ['p', 'p'],
  ['q', 'q'],
  ['v', 'v'],
] as const;

/**
 * What went wrong with each model, from the fit's problem (its parts name their model), e.g.
 * "BG/NBD did not converge (89 iterations): no predictions; Gamma-Gamma not used: expected
 * values from observed-mean".
 */
function reasons(problem: string | null) {
  const parts = (problem ?? '').split('; ').filter(Boolean);
  return {
    bgNbd: parts.filter((p) => !p.startsWith('Gamma-Gamma')),
    gammaGamma: parts.filter((p) => p.startsWith('Gamma-Gamma')),
  };
}

/** A problem in the reader's language when it is one the models state; else as stated. */
function useProblemText() {
  const t = useTranslations('growth.value.fit.problems');
  return (part: string) => {
    let m = /^BG\/NBD did not converge \((\d+) iterations\)/.exec(part);
    if (m) return t('notConverged', { iterations: Number(m[1]) });
    m = /^BG\/NBD needs at least 2 customers \(got (\d+)\)/.exec(part);
    if (m) return t('tooFewCustomers', { count: Number(m[1]) });
    if (part.startsWith('BG/NBD needs at least one customer with a repeat')) return t('noRepeat');
    m = /^Gamma-Gamma not used: expected values from ([\w-]+)/.exec(part);
    if (m?.[1] === 'observed-mean') return t('observedMean');
    if (m?.[1] === 'none') return t('noExpectedValue');
    return part;
  };
}

/**
 * The latest fit of the value models (DESIGN §5b): as of when, on how many customers, each
 * model's parameters and log-likelihood or why it has none; "Refit now" asks the worker for
 * a new one and the card polls until it lands. When it does, the value charts read again.
 */
export function ValueFitCard({ settingsLink }: { settingsLink: boolean }) {
  const t = useTranslations('growth.value.fit');
  const tCharts = useTranslations('charts');
  const errorText = useChartErrorText();
  const problemText = useProblemText();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.growth.valueFit(),
    queryFn: ({ signal }) => apiFetch<ValueFitState>('/api/growth/value-fit', { signal }),
    retry: retryUnlessRefused,
    refetchInterval: (q) => (q.state.data?.pending ? pollMs : false),
  });
  const refit = useMutation({
    mutationFn: () =>
      apiFetch<ValueFitState & { requestId: number }>('/api/growth/value-fit', {
        method: 'POST',
      }),
    onSuccess: (state) => queryClient.setQueryData(queryKeys.growth.valueFit(), state),
  });
  const state = query.data;
  // undefined until the first answer; then the fit shown (null: none yet).
  const fitId = state === undefined ? undefined : (state.fit?.id ?? null);
  // A new fit landed (the first one included): the charts drawn from the values read again.
  const shown = useRef(fitId);
  useEffect(() => {
    if (fitId === undefined) return;
    if (shown.current !== undefined && fitId !== shown.current)
      for (const chart of ['value-by-stage', 'save-first'])
        void queryClient.invalidateQueries({ queryKey: ['chart', 'growth', chart] });
    shown.current = fitId;
  }, [fitId, queryClient]);

  const number = (v: number, digits = 4) => format.number(v, { maximumSignificantDigits: digits });
  const time = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  const model = (
    id: string,
    title: string,
    m: Model,
    params: readonly (readonly [string, string])[],
    problems: string[],
    fittedOn: (count: number) => string,
  ) => {
    const reason = problems.map(problemText).join(' ') || null;
    return (
      <div data-testid={`fit-${id}`} className="rounded-lg border border-slate-200 p-3">
        <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
        {m ? (
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm tabular-nums">
            {params.map(([key, label]) => (
              <div key={key} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd data-testid={`fit-${id}-${key}`}>
                  {m.params[key] === undefined ? '–' : number(m.params[key])}
                </dd>
              </div>
            ))}
            <dt className="text-slate-500">{t('logLikelihood')}</dt>
            <dd data-testid={`fit-${id}-ll`}>{number(m.logLikelihood, 6)}</dd>
            <dt className="text-slate-500">{t('fittedOn')}</dt>
            <dd>{fittedOn(m.customers)}</dd>
            {reason && (
              <dd
                data-testid={`fit-${id}-problem`}
                className="col-span-2 mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900"
              >
                {reason}
              </dd>
            )}
          </dl>
        ) : (
          <p data-testid={`fit-${id}-none`} className="mt-2 text-sm text-slate-600">
            {t('noModel')}
            {reason && <span className="mt-1 block text-xs text-slate-500">{reason}</span>}
          </p>
        )}
      </div>
    );
  };

  const pending = state?.pending ?? null;
  const busy = refit.isPending || pending !== null;
  return (
    <section
      data-testid="value-fit"
      aria-labelledby="value-fit-title"
      className="flex min-w-0 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="value-fit-title" className="text-base font-semibold">
            {t('title')}
          </h2>
          <p className="mt-1 max-w-prose text-sm text-slate-500">{t('description')}</p>
        </div>
        <button
          type="button"
          data-testid="value-refit"
          disabled={busy || !state}
          onClick={() => refit.mutate()}
          className="shrink-0 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:bg-indigo-300"
        >
          {t('refit')}
        </button>
      </div>
      {(pending || refit.isError || state?.lastError) && (
        <div className="flex flex-col gap-1 text-sm" aria-live="polite">
          {pending && (
            <p
              data-testid="value-fit-pending"
              className="flex items-center gap-2 rounded-lg bg-indigo-50 px-3 py-2 text-indigo-900"
            >
              <span aria-hidden className="size-2 animate-pulse rounded-full bg-indigo-500" />
              {pending.startedAt
                ? t('running', { at: time(pending.startedAt) })
                : t('waiting', { at: time(pending.requestedAt) })}
            </p>
          )}
          {refit.isError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-red-800">
              {t('refitFailed', { message: errorText(refit.error) })}
            </p>
          )}
          {!pending && state?.lastError && (
            <p
              data-testid="value-fit-error"
              className="rounded-lg bg-red-50 px-3 py-2 text-red-800"
            >
              {t('lastFailed', { message: state.lastError })}
            </p>
          )}
        </div>
      )}
      {query.isError ? (
        <LoadError
          message={tCharts('error', { message: errorText(query.error) })}
          retryLabel={tCharts('retry')}
          onRetry={() => void query.refetch()}
        />
      ) : !state ? (
        <p className="text-sm text-slate-500">{tCharts('loading')}</p>
      ) : !state.fit ? (
        <p data-testid="value-fit-none" className="text-sm text-slate-500">
          {t('none')}
        </p>
      ) : (
        <>
          <p data-testid="value-fit-summary" className="text-sm text-slate-600">
            {t('summary', {
              asOf: time(state.fit.asOf),
              customers: state.fit.customers,
              currency: state.fit.currency ?? '–',
              seconds: format.number(state.fit.seconds, { maximumFractionDigits: 1 }),
            })}
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {model(
              'bg-nbd',
              t('bgNbd'),
              state.fit.bgNbd,
              bgNbdParams,
              reasons(state.fit.problem).bgNbd,
              (count) => t('fittedOnCustomers', { count }),
            )}
            {model(
              'gamma-gamma',
              t('gammaGamma'),
              state.fit.gammaGamma,
              gammaGammaParams,
              reasons(state.fit.problem).gammaGamma,
              (count) => t('fittedOnRepeat', { count }),
            )}
          </div>
          <p className="text-xs text-slate-500">{t('units')}</p>
        </>
      )}
      {state && (
        <UnconvertedWarning
          unconverted={state.unconverted}
          settingsLink={settingsLink}
          testId="value-fit-unconverted"
        />
      )}
    </section>
  );
}
