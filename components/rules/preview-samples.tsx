'use client';

import { useTranslations } from 'next-intl';
import type { PreviewJson, PreviewSampleJson } from '@/lib/rules/types';

type Cell = PreviewJson['cells'][number];

/** The sample fans of one cell of the preview. */
export function PreviewSamples({ cell }: { cell: Cell }) {
  const t = useTranslations('rules.preview');
  const tStage = useTranslations('stages');
  return (
    <div data-testid="preview-samples" className="rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-800">
        {cell.from === cell.to
          ? t('samplesStaying', {
              stage: tStage(cell.from),
              shown: cell.samples.length,
              count: cell.fans,
            })
          : t('samplesMoving', {
              from: tStage(cell.from),
              to: tStage(cell.to),
              shown: cell.samples.length,
              count: cell.fans,
            })}
      </h3>
      <ul className="mt-2 divide-y divide-slate-100">
        {cell.samples.map((fan) => (
          <li
            key={fan.fanId}
            data-testid="preview-sample"
            className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-1.5 text-sm"
          >
            <Sample fan={fan} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A fan as the reader's role may see it: a person, an erased fan, or only its id. */
function Sample({ fan }: { fan: PreviewSampleJson }) {
  const t = useTranslations('rules.preview');
  const { person } = fan;
  if (!person) return <span className="text-slate-700">{t('fanId', { id: fan.fanId })}</span>;
  if (person.telegramUserId === null)
    return <span className="text-slate-500">{t('erased', { id: fan.fanId })}</span>;
  return (
    <>
      <span className="font-medium text-slate-800">
        {person.name ?? <span className="text-slate-400">{t('noName')}</span>}
      </span>
      {person.username && <span className="text-indigo-700">@{person.username}</span>}
      <span className="text-xs text-slate-500 tabular-nums">
        {t('telegramId', { id: String(person.telegramUserId) })}
      </span>
    </>
  );
}
