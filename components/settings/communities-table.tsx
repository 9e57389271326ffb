'use client';

import { useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import type { CommunitySetting } from '@/lib/settings/types';

export function CommunitiesTable({ communities }: { communities: CommunitySetting[] }) {
  const t = useTranslations('settings');
  const tKind = useTranslations('community.kind');
  if (communities.length === 0)
    return <p className="text-sm text-slate-500">{t('communities.empty')}</p>;
  const none = <span className="text-slate-400">{t('none')}</span>;
  return (
    <DataTable
      caption={t('communities.caption')}
      rowKey={(c) => String(c.id)}
      rows={communities}
      columns={[
        {
          key: 'title',
          header: t('communities.community'),
          cell: (c) => (
            <span className="flex min-w-40 flex-col whitespace-normal">
              <span data-testid={`settings-community-${c.id}`} className="font-medium">
                {c.title}
              </span>
              <span className="text-xs text-slate-500">
                {tKind(c.kind)}
                {c.username && ` · @${c.username}`}
              </span>
            </span>
          ),
        },
        {
          key: 'timeZone',
          header: t('communities.timeZone'),
          align: 'left',
          cell: (c) => c.timeZone,
        },
        {
          key: 'linked',
          header: t('communities.linked'),
          align: 'left',
          cell: (c) =>
            c.linked ? (
              <span className="block min-w-48 whitespace-normal">
                {c.linked.title} <span className="text-slate-500">({tKind(c.linked.kind)})</span>
              </span>
            ) : (
              none
            ),
        },
        {
          key: 'syncedBy',
          header: t('communities.syncedBy'),
          align: 'left',
          cell: (c) =>
            c.syncedBy ? (
              c.syncedBy.label
            ) : (
              <span className="text-slate-500">{t('communities.notSynced')}</span>
            ),
        },
      ]}
    />
  );
}
