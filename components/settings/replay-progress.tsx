'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useReplayProgressQuery } from '@/lib/settings/hooks';
import type { CommunitySetting } from '@/lib/settings/types';

/**
 * The history rebuild after a time zone change, per community: fans still waiting for the
 * worker to replay their history, read again every few seconds while any wait.
 */
export function ReplayProgressPanel({
  communities,
  since,
}: {
  communities: CommunitySetting[];
  /** When this page last queued a rebuild (Date.now()), or null. */
  since: number | null;
}) {
  const t = useTranslations('settings.communities.replay');
  const query = useReplayProgressQuery();
  const waiting = (query.data?.byCommunity ?? []).filter((c) => c.queuedFans > 0);
  // "Rebuilt" once a rebuild this page saw or started is over, not for one long finished:
  // the worker may be done before the first read after the change.
  const [watched, setWatched] = useState(false);
  if (waiting.length > 0 && !watched) setWatched(true);
  const done = watched || (since !== null && query.dataUpdatedAt > since);
  if (query.isError)
    return (
      <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
        {t('failed', { message: query.error.message })}
      </p>
    );
  if (waiting.length === 0)
    return done ? (
      <p
        data-testid="replay-done"
        aria-live="polite"
        className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800"
      >
        {t('done')}
      </p>
    ) : null;
  const titleOf = (id: number) => communities.find((c) => c.id === id)?.title ?? `#${id}`;
  return (
    <div
      data-testid="replay-progress"
      aria-live="polite"
      className="flex flex-col gap-3 rounded-lg border border-indigo-100 bg-indigo-50/40 p-3"
    >
      {waiting.map((c) => {
        const fans = Math.max(c.fans, c.queuedFans);
        const percent = fans > 0 ? Math.floor(((fans - c.queuedFans) / fans) * 100) : 0;
        const text = t('left', { left: c.queuedFans, fans });
        return (
          <div
            key={c.communityId}
            data-testid={`replay-community-${c.communityId}`}
            className="flex flex-col gap-1.5"
          >
            <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
              <span className="font-medium">{titleOf(c.communityId)}</span>
              <span data-testid="replay-text" className="text-slate-700 tabular-nums">
                {text}
              </span>
            </p>
            <ProgressBar percent={percent} label={t('label')} valueText={text} />
          </div>
        );
      })}
    </div>
  );
}
