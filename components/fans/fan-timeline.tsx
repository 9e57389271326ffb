'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { StageBadge } from '@/components/stage-badge';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import type { TimelineEntry, TimelinePage } from '@/lib/fans/timeline';
import { useFanErrorMessage } from './use-fan-error-message';

const fetchPage = (fanId: number, cursor: string | null, signal: AbortSignal) =>
  apiFetch<TimelinePage>(
    `/api/fans/${fanId}/timeline${cursor ? `?${new URLSearchParams({ cursor })}` : ''}`,
    { signal },
  );

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

const dot: Record<TimelineEntry['kind'], string> = {
  event: 'bg-sky-400',
  purchase: 'bg-amber-400',
  stage: 'bg-indigo-500',
};

/**
 * The fan's timeline: the first page comes with the page, older ones load on demand by
 * the previous page's cursor. Keyed by the erasure time, so an erasure shows at once.
 */
export function FanTimeline({
  fanId,
  erasedAt,
  firstPage,
}: {
  fanId: number;
  erasedAt: string | null;
  firstPage: TimelinePage;
}) {
  const t = useTranslations('fans.timeline');
  const tStage = useTranslations('stages');
  const tReason = useTranslations('reasons');
  const format = useFormatter();
  const errorMessage = useFanErrorMessage();
  const query = useInfiniteQuery({
    queryKey: queryKeys.fans.timeline(fanId, erasedAt),
    queryFn: ({ pageParam, signal }) => fetchPage(fanId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: Infinity,
  });
  const entries = query.data.pages.flatMap((p) => p.entries);

  const reason = (rule: string, f: Record<string, unknown>) => {
    const days = (v: unknown) => Math.floor(num(v));
    switch (rule) {
      case 'left_all':
        return tReason('left_all');
      case 'churn_silence':
      case 'at_risk_silence':
        return tReason('silence', { days: days(f.silence_days) });
      case 'not_activated':
        return tReason('not_activated', {
          days: days(f.days_since_joined),
          engagements: num(f.first_window_engagements),
        });
      case 'spend':
        return tReason('spend', { amount: format.number(num(f.spend)) });
      case 'core':
        return tReason('core', { days: num(f.active_days), messages: num(f.window_messages) });
      case 'activated':
        return tReason('activated', {
          first: num(f.first_window_engagements),
          window: num(f.window_engagements),
        });
      case 'new':
        return tReason('new', { days: days(f.days_since_joined) });
      default:
        return rule;
    }
  };

  const body = (e: TimelineEntry) => {
    switch (e.kind) {
      case 'event':
        return (
          <>
            <p className="text-slate-900">
              <span className="font-medium">{t(`events.${e.type}`)}</span>{' '}
              <span className="text-slate-500">{t('in', { community: e.community.title })}</span>
              {e.reaction && (
                <span className="text-slate-600"> · {t('reaction', { reaction: e.reaction })}</span>
              )}
              {e.members !== null && (
                <span className="text-slate-600"> · {t('members', { count: e.members })}</span>
              )}
            </p>
            {e.text && (
              <blockquote
                data-testid="fan-timeline-text"
                className="mt-1 border-l-2 border-slate-200 pl-2 break-words whitespace-pre-line text-slate-700"
              >
                {e.text}
              </blockquote>
            )}
          </>
        );
      case 'purchase':
        return (
          <p className="text-slate-900">
            <span className="font-medium">
              {t(e.status === 'refunded' ? 'refund' : 'purchase')}
            </span>{' '}
            <span className="font-medium tabular-nums">
              {format.number(Number(e.amount), { style: 'currency', currency: e.currency })}
            </span>
            <span className="text-slate-500">
              {' '}
              {e.orderId && <> · {t('order', { id: e.orderId })}</>}
              {e.community && <> · {t('in', { community: e.community.title })}</>}
            </span>
          </p>
        );
      case 'stage':
        return (
          <>
            <p className="flex flex-wrap items-center gap-1.5 text-slate-900">
              <span className="font-medium">{t('stage')}</span>
              {e.from ? (
                <StageBadge stage={e.from} label={tStage(e.from)} />
              ) : (
                <span className="text-slate-500">{t('entered')}</span>
              )}
              <span aria-hidden className="text-slate-400">
                →
              </span>
              <StageBadge stage={e.to} label={tStage(e.to)} />
            </p>
            <p className="mt-0.5 text-slate-500">
              {reason(e.rule, e.features)} · {t('rules', { version: e.ruleSetVersion })}
            </p>
          </>
        );
    }
  };

  return (
    <div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t('empty')}</p>
      ) : (
        <ol data-testid="fan-timeline" className="relative">
          {entries.map((e) => (
            <li
              key={`${e.kind}:${e.id}`}
              data-kind={e.kind}
              className="group relative flex gap-3 pb-3 text-sm last:pb-0"
            >
              <span
                aria-hidden
                className="absolute top-4 bottom-0 left-[5px] w-px bg-slate-200 group-last:hidden"
              />
              <span
                aria-hidden
                className={`relative mt-1.5 size-2.5 shrink-0 rounded-full ${dot[e.kind]}`}
              />
              <div className="flex min-w-0 flex-1 flex-col gap-0.5 sm:flex-row sm:gap-4">
                <div className="min-w-0 flex-1">{body(e)}</div>
                <time
                  dateTime={e.at}
                  className="shrink-0 text-xs text-slate-500 tabular-nums sm:pt-0.5 sm:text-right"
                >
                  {format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {query.hasNextPage ? (
          <button
            type="button"
            data-testid="fan-timeline-older"
            onClick={() => query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="rounded-lg border border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
          >
            {query.isFetchingNextPage ? t('loading') : t('older')}
          </button>
        ) : (
          entries.length > 0 && (
            <p data-testid="fan-timeline-end" className="text-xs text-slate-500">
              {t('end')}
            </p>
          )
        )}
        {query.isFetchNextPageError && (
          <p role="alert" className="text-sm text-red-700">
            {t('error', { message: query.error ? errorMessage(query.error) : '' })}
          </p>
        )}
      </div>
    </div>
  );
}
