'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { DataTable } from '@/components/ui/data-table';
import type { CommunitySetting, TimeZoneSaved } from '@/lib/settings/types';
import { ReplayProgressPanel } from './replay-progress';
import { TimeZoneDialog } from './time-zone-dialog';

export function CommunitiesTable({ communities }: { communities: CommunitySetting[] }) {
  const t = useTranslations('settings');
  const tKind = useTranslations('community.kind');
  const [rows, setRows] = useState(communities);
  const [editing, setEditing] = useState<CommunitySetting | null>(null);
  const [saved, setSaved] = useState<TimeZoneSaved | null>(null);
  const [rebuildSince, setRebuildSince] = useState<number | null>(null);
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('communities.empty')}</p>;
  const none = <span className="text-slate-400">{t('none')}</span>;
  const onSaved = (result: TimeZoneSaved) => {
    setSaved(result);
    if (result.queuedFans > 0) setRebuildSince(Date.now());
    setRows((all) =>
      all.map((c) =>
        c.id === result.community.id ? { ...c, timeZone: result.community.timeZone } : c,
      ),
    );
  };
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" className="empty:hidden">
        {saved && (
          <p
            data-testid="time-zone-saved"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800"
          >
            {saved.changed
              ? t('communities.timeZoneSaved', {
                  community: saved.community.title,
                  zone: saved.community.timeZone,
                  days: saved.fanDays,
                })
              : t('communities.timeZoneUnchanged', {
                  community: saved.community.title,
                  zone: saved.community.timeZone,
                })}
          </p>
        )}
      </div>
      <ReplayProgressPanel communities={rows} since={rebuildSince} />
      <DataTable
        caption={t('communities.caption')}
        rowKey={(c) => String(c.id)}
        rows={rows}
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
            cell: (c) => (
              <span className="flex items-center gap-2">
                <span data-testid="community-time-zone">{c.timeZone}</span>
                <button
                  type="button"
                  data-testid="community-time-zone-change"
                  aria-label={t('communities.changeTimeZoneOf', { community: c.title })}
                  onClick={() => setEditing(c)}
                  className="rounded-lg border border-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100"
                >
                  {t('communities.changeTimeZone')}
                </button>
              </span>
            ),
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
      {editing && (
        <TimeZoneDialog
          key={editing.id}
          community={editing}
          onSaved={onSaved}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
