'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { StageBadge } from '@/components/stage-badge';
import { DataTable } from '@/components/ui/data-table';
import type { SegmentFan } from '@/lib/segments/query';

/** One page of fans; without fan lookup the fan column shows the fan's number only. */
export function SegmentTable({ fans, personal }: { fans: SegmentFan[]; personal: boolean }) {
  const t = useTranslations('segments');
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const day = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { year: 'numeric', month: 'short', day: 'numeric' }) : '–';
  return (
    <DataTable
      caption={t('title')}
      rowKey={(f: SegmentFan) => String(f.fanId)}
      rows={fans}
      columns={[
        {
          key: 'fan',
          header: t('columns.fan'),
          cell: (f) =>
            personal ? (
              <span className="flex flex-col">
                <span className="max-w-48 truncate font-medium">{f.name}</span>
                <span className="text-xs text-slate-400">
                  {f.username ? `@${f.username}` : f.telegramUserId}
                </span>
              </span>
            ) : (
              <span className="font-medium tabular-nums">{t('fanNumber', { id: f.fanId })}</span>
            ),
        },
        {
          key: 'stage',
          header: t('columns.stage'),
          align: 'left',
          cell: (f) => <StageBadge variant="plain" stage={f.stage} label={tStage(f.stage)} />,
        },
        {
          key: 'clv',
          header: t('columns.clv'),
          cell: (f) =>
            f.value?.clv12m == null
              ? '–'
              : format.number(f.value.clv12m, { maximumFractionDigits: 0 }),
        },
        {
          key: 'pAlive',
          header: t('columns.pAlive'),
          cell: (f) =>
            f.value?.pAlive == null
              ? '–'
              : format.number(f.value.pAlive, { style: 'percent', maximumFractionDigits: 0 }),
        },
        {
          key: 'rfm',
          header: <abbr title={t('columns.rfmTitle')}>{t('columns.rfm')}</abbr>,
          cell: (f) => (f.value ? `${f.value.r}-${f.value.f}-${f.value.m}` : '–'),
        },
        { key: 'joined', header: t('columns.joined'), cell: (f) => day(f.joinedAt) },
        { key: 'last', header: t('columns.lastEngaged'), cell: (f) => day(f.lastEngagedAt) },
        {
          key: 'eng',
          header: t('columns.engagements'),
          cell: (f) => format.number(f.windowEngagements),
        },
        {
          key: 'spend',
          header: t('columns.spend'),
          cell: (f) => format.number(f.spend, { maximumFractionDigits: 2 }),
        },
        { key: 'tags', header: t('columns.tags'), align: 'left', cell: (f) => f.tags.join(', ') },
      ]}
    />
  );
}
