import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { CommunitySummary } from '@/lib/communities/types';

export async function CommunityHeader({ summary }: { summary: CommunitySummary }) {
  const t = await getTranslations('community');
  return (
    <div className="min-w-0">
      <h1
        data-testid="community-title"
        className="text-2xl font-semibold tracking-tight break-words"
      >
        {summary.title}
      </h1>
      <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-500">
        <div className="flex gap-1">
          <dt className="sr-only">{t('kindLabel')}</dt>
          <dd>{t(`kind.${summary.kind}`)}</dd>
        </div>
        {summary.username && (
          <div className="flex gap-1">
            <dt className="sr-only">{t('usernameLabel')}</dt>
            <dd>@{summary.username}</dd>
          </div>
        )}
        <div className="flex gap-1">
          <dt>{t('timeZoneLabel')}</dt>
          <dd>{summary.timeZone}</dd>
        </div>
        {summary.linkedCommunity && (
          <div className="flex gap-1">
            <dt>{t(summary.kind === 'channel' ? 'linkedGroupLabel' : 'linkedChannelLabel')}</dt>
            <dd>
              <Link
                href={`/?community=${summary.linkedCommunity.id}`}
                className="text-indigo-600 hover:underline"
              >
                {summary.linkedCommunity.title}
              </Link>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
