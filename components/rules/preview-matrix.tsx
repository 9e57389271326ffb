'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Stage } from '@/db/schema';
import { stageOrder } from '@/components/charts/stage-colors';
import { StageBadge } from '@/components/stage-badge';
import type { PreviewJson } from '@/lib/rules/types';
import { PreviewSamples } from './preview-samples';
import { useRuleFormat } from './use-rule-format';

/** Fans by stage now (rows) and under the draft (columns); a number shows its sample fans. */
export function PreviewMatrix({ data }: { data: PreviewJson }) {
  const t = useTranslations('rules.preview');
  const tStage = useTranslations('stages');
  const f = useRuleFormat();
  const [selected, setSelected] = useState<{ from: Stage; to: Stage } | null>(null);
  const count = (from: Stage, to: Stage) =>
    data.cells.find((c) => c.from === from && c.to === to)?.fans ?? 0;
  const rowTotal = (from: Stage) => stageOrder.reduce((n, to) => n + count(from, to), 0);
  const colTotal = (to: Stage) => stageOrder.reduce((n, from) => n + count(from, to), 0);
  const cell = selected && data.cells.find((c) => c.from === selected.from && c.to === selected.to);
  const stageName = (stage: Stage) => (
    <StageBadge variant="plain" stage={stage} label={tStage(stage)} />
  );
  return (
    <div className="flex flex-col gap-4">
      <p
        data-testid="preview-moving"
        data-moving={data.moving}
        className="text-sm font-medium text-slate-800"
      >
        {data.moving === 0
          ? t('none', { total: data.total })
          : t('moving', { moving: data.moving, total: data.total })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table
          className="w-full text-sm whitespace-nowrap tabular-nums"
          data-testid="preview-matrix"
        >
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 bg-slate-50 px-2 py-2 text-left text-xs font-medium sm:px-3"
              >
                {t('corner')}
              </th>
              {stageOrder.map((to) => (
                <th key={to} scope="col" className="px-2 py-2 text-right font-medium sm:px-3">
                  {stageName(to)}
                </th>
              ))}
              <th scope="col" className="px-2 py-2 text-right font-medium text-slate-500 sm:px-3">
                {t('totalNow')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {stageOrder.map((from) => (
              <tr key={from}>
                {/* Sticky, so the stage of each row stays in view while a phone scrolls. */}
                <th
                  scope="row"
                  className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-normal sm:px-3"
                >
                  {stageName(from)}
                </th>
                {stageOrder.map((to) => {
                  const n = count(from, to);
                  const staying = from === to;
                  const isSelected = selected?.from === from && selected.to === to;
                  return (
                    <td key={to} className={`px-1 py-1 text-right ${staying ? 'bg-slate-50' : ''}`}>
                      {n === 0 ? (
                        <span
                          data-testid={`preview-cell-${from}-${to}`}
                          data-count={0}
                          className="inline-block px-2 py-1 text-slate-300"
                        >
                          {f.number(0)}
                        </span>
                      ) : (
                        <button
                          type="button"
                          data-testid={`preview-cell-${from}-${to}`}
                          data-count={n}
                          aria-pressed={isSelected}
                          aria-label={
                            staying
                              ? t('cellStaying', { count: n, stage: tStage(from) })
                              : t('cellMoving', {
                                  count: n,
                                  from: tStage(from),
                                  to: tStage(to),
                                })
                          }
                          onClick={() => setSelected(isSelected ? null : { from, to })}
                          className={`min-w-10 rounded-md px-2 py-1 text-right transition ${
                            staying
                              ? 'text-slate-500 hover:bg-slate-200'
                              : 'bg-indigo-50 font-semibold text-indigo-800 hover:bg-indigo-100'
                          } ${isSelected ? 'ring-2 ring-indigo-500' : ''}`}
                        >
                          {f.number(n)}
                        </button>
                      )}
                    </td>
                  );
                })}
                <td className="px-2 py-1 text-right text-slate-500 sm:px-3">
                  {f.number(rowTotal(from))}
                </td>
              </tr>
            ))}
            <tr className="bg-slate-50 text-slate-600">
              <th
                scope="row"
                className="sticky left-0 z-10 bg-slate-50 px-2 py-1.5 text-left font-medium sm:px-3"
              >
                {t('totalDraft')}
              </th>
              {stageOrder.map((to) => (
                <td key={to} className="px-2 py-1.5 text-right sm:px-3">
                  <span className="px-1">{f.number(colTotal(to))}</span>
                </td>
              ))}
              <td className="px-2 py-1.5 text-right font-medium sm:px-3">{f.number(data.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">{t('legend')}</p>
      {cell ? (
        <PreviewSamples cell={cell} />
      ) : (
        data.total > 0 && <p className="text-sm text-slate-500">{t('pickCell')}</p>
      )}
    </div>
  );
}
