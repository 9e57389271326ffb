'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, colouredTick, gridStroke } from '@/components/charts/chart-theme';
import { LoadError } from '@/components/charts/load-error';
import { useChartErrorText } from '@/components/charts/use-chart-error-text';
import { DataTable } from '@/components/ui/data-table';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import { firstDays } from '@/lib/growth/first-days';
import type { PostReading, PostViews } from '@/lib/growth/post-views';

const viewsColor = '#6366f1';

/** One post's views over its first days (a reading an hour), in a dialog. */
export function PostViewsDialog({
  post,
  onClose,
}: {
  post: { postId: number; messageId: number; text: string | null };
  onClose: () => void;
}) {
  const t = useTranslations('growth.posts.firstDays');
  const tc = useTranslations('charts');
  const errorText = useChartErrorText();
  const format = useFormatter();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const query = useQuery({
    queryKey: queryKeys.posts.views(post.postId),
    queryFn: ({ signal }) => apiFetch<PostViews>(`/api/posts/${post.postId}/views`, { signal }),
  });
  const after = (hours: number) =>
    hours < 48
      ? t('hours', { hours: format.number(hours, { maximumFractionDigits: 1 }) })
      : t('days', { days: format.number(hours / 24, { maximumFractionDigits: 1 }) });
  const data = query.data;
  return (
    <dialog
      ref={dialog}
      data-testid="post-views-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col gap-4 p-5">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 id={`${id}-title`} className="text-base font-semibold">
              {t('title', { days: firstDays })}
            </h3>
            <p className="mt-1 truncate text-sm text-slate-500" title={post.text ?? ''}>
              {post.text || `#${post.messageId}`}
            </p>
          </div>
          <form method="dialog">
            <button
              type="submit"
              data-testid="post-views-close"
              className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
            >
              {t('close')}
            </button>
          </form>
        </div>
        {query.isError ? (
          <LoadError
            message={tc('error', { message: errorText(query.error) })}
            retryLabel={tc('retry')}
            onRetry={() => void query.refetch()}
          />
        ) : !data ? (
          <div className="grid h-56 place-items-center text-sm text-slate-500">{tc('loading')}</div>
        ) : data.readings.length === 0 ? (
          <p data-testid="post-views-empty" className="text-sm text-slate-500">
            {t('empty')}
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              {t('summary', {
                views: format.number(data.views),
                posted: format.dateTime(new Date(data.postedAt), {
                  month: 'short',
                  day: 'numeric',
                  hour: 'numeric',
                  minute: '2-digit',
                }),
              })}
            </p>
            <div className="h-56" data-testid="post-views-chart">
              <LineChart
                responsive
                data={data.readings}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
                style={{ width: '100%', height: '100%' }}
                accessibilityLayer
              >
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis
                  dataKey="hours"
                  type="number"
                  domain={[0, 'dataMax']}
                  tickFormatter={(v) => after(Number(v))}
                  tick={axisTick}
                  tickLine={false}
                  minTickGap={16}
                />
                <YAxis
                  tickFormatter={(v) => format.number(Number(v), { notation: 'compact' })}
                  tick={colouredTick(viewsColor)}
                  tickLine={false}
                  axisLine={false}
                  width="auto"
                />
                <Tooltip
                  labelFormatter={(l) => after(Number(l))}
                  formatter={(v) => format.number(Number(v))}
                />
                <Line
                  dataKey="views"
                  name={t('views')}
                  stroke={viewsColor}
                  strokeWidth={2}
                  dot={data.readings.length < 30}
                  isAnimationActive={false}
                />
              </LineChart>
            </div>
            <div data-testid="post-views-table">
              <DataTable
                caption={t('title', { days: firstDays })}
                rowKey={(r: PostReading) => r.at}
                rows={data.readings}
                columns={[
                  { key: 'after', header: t('after'), cell: (r) => after(r.hours) },
                  { key: 'views', header: t('views'), cell: (r) => format.number(r.views) },
                  {
                    key: 'reactions',
                    header: t('reactions'),
                    cell: (r) => format.number(r.reactions),
                  },
                  {
                    key: 'comments',
                    header: t('comments'),
                    cell: (r) => format.number(r.comments),
                  },
                  {
                    key: 'forwards',
                    header: t('forwards'),
                    cell: (r) => format.number(r.forwards),
                  },
                ]}
              />
            </div>
          </>
        )}
      </div>
    </dialog>
  );
}
