'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useSyncStatusQuery } from '@/lib/settings/hooks';
import {
  describeStream,
  durationInUnit,
  telegramStreams,
  type StreamView,
} from '@/lib/settings/sync-status';
import type { SyncStatus, SyncStream } from '@/lib/settings/types';
import { Card } from '@/components/ui/card';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useBrowserTimeZone } from './use-browser-time-zone';

const knownStreams = [...telegramStreams, 'demo'] as const;
type KnownStream = (typeof knownStreams)[number];
const isKnown = (s: string): s is KnownStream => (knownStreams as readonly string[]).includes(s);

const stateStyle: Record<StreamView['state'], string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  error: 'bg-red-50 text-red-700 ring-red-200',
  waiting: 'bg-amber-50 text-amber-800 ring-amber-200',
  never: 'bg-slate-100 text-slate-600 ring-slate-200',
};

/** Sync status per community and stream, read again every 10 seconds. */
export function SyncStatusPanel({ initialData }: { initialData: SyncStatus }) {
  const t = useTranslations('settings');
  const tKind = useTranslations('community.kind');
  const format = useFormatter();
  const timeZone = useBrowserTimeZone();
  const query = useSyncStatusQuery(initialData);
  const { now: nowIso, communities } = query.data;
  const now = new Date(nowIso);
  return (
    <Card
      id="sync"
      testId="settings-sync"
      title={t('sync.title')}
      description={t('sync.description')}
      aside={
        <p data-testid="sync-updated" className="text-xs whitespace-nowrap text-slate-500">
          {t('sync.updated', { time: format.dateTime(now, { timeStyle: 'medium', timeZone }) })}
        </p>
      }
    >
      {query.isError && (
        <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {t('sync.refreshFailed', { message: query.error.message })}
        </div>
      )}
      <div className="flex flex-col gap-4">
        {communities.map((c) => (
          <div
            key={c.id}
            data-testid={`sync-community-${c.id}`}
            className="rounded-lg border border-slate-200"
          >
            <h3 className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm font-semibold">
              {c.title}
              <span className="text-xs font-normal text-slate-500">{tKind(c.kind)}</span>
            </h3>
            {c.streams.length === 0 ? (
              <p className="px-3 py-3 text-sm text-slate-500">{t('sync.noStreams')}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {c.streams.map((s) => (
                  <StreamRow
                    key={s.stream}
                    communityId={c.id}
                    stream={s}
                    now={now}
                    timeZone={timeZone}
                  />
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}

function StreamRow({
  communityId,
  stream,
  now,
  timeZone,
}: {
  communityId: number;
  stream: SyncStream;
  now: Date;
  timeZone: string;
}) {
  const t = useTranslations('settings.sync');
  const format = useFormatter();
  const view = describeStream(stream, now);
  const name = isKnown(stream.stream) ? t(`streams.${stream.stream}`) : stream.stream;
  const done = format.number(stream.progressDone);
  const progressText =
    stream.progressTotal === null || view.percent === null
      ? t('progressSoFar', { done })
      : t('progress', {
          done,
          total: format.number(stream.progressTotal),
          percent: format.number(view.percent / 100, { style: 'percent' }),
        });
  const duration = (seconds: number) => {
    const { value, unit } = durationInUnit(seconds);
    return format.number(value, { style: 'unit', unit, unitDisplay: 'short' });
  };
  return (
    <li
      data-testid={`sync-stream-${communityId}-${stream.stream}`}
      className="grid gap-x-4 gap-y-2 px-3 py-3 text-sm sm:grid-cols-[minmax(0,13rem)_minmax(0,1fr)_minmax(0,15rem)] sm:items-center"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{name}</span>
        <span
          data-testid="sync-state"
          className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${stateStyle[view.state]}`}
        >
          {t(`states.${view.state}`)}
        </span>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <ProgressBar
          percent={view.percent}
          label={t('progressLabel', { stream: name })}
          valueText={progressText}
          testId="sync-progress"
        />
        <span data-testid="sync-progress-text" className="text-xs text-slate-500 tabular-nums">
          {progressText}
        </span>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-600">
        <dt className="text-slate-500">{t('lastRun')}</dt>
        <dd data-testid="sync-last-run">
          {stream.lastRunAt ? format.relativeTime(new Date(stream.lastRunAt), now) : t('neverRun')}
        </dd>
        <dt className="text-slate-500">{t('lag')}</dt>
        <dd data-testid="sync-lag" className="tabular-nums">
          {view.lagSeconds === null ? t('noSuccess') : duration(view.lagSeconds)}
        </dd>
      </dl>
      {view.waitingUntil && (
        <p
          data-testid="sync-flood-wait"
          className="text-sm font-medium text-amber-800 sm:col-span-3"
        >
          {t('waiting', {
            time: format.dateTime(view.waitingUntil, {
              hour: '2-digit',
              minute: '2-digit',
              timeZone,
            }),
          })}
        </p>
      )}
      {stream.lastError && (
        <p data-testid="sync-error" className="text-sm break-words text-red-700 sm:col-span-3">
          {t('lastError', { message: stream.lastError })}
        </p>
      )}
    </li>
  );
}
