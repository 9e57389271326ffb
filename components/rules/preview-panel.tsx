'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Stage } from '@/db/schema';
import { stageOrder } from '@/components/charts/stage-colors';
import { StageBadge } from '@/components/stage-badge';
import { usePreviewQuery, usePublishMutation } from '@/lib/rules/hooks';
import type { PreviewJson, RuleVersion } from '@/lib/rules/types';
import { buttonClass, RulesCard, type Notice } from './card';
import { useRuleFormat } from './use-rule-format';
import { useRulesErrorMessage } from './use-rules-error';

/**
 * The saved draft against the published rules: how many fans would move from each stage
 * (rows, now) to each stage (columns, under the draft), sample fans per cell, and publishing.
 */
export function PreviewPanel({
  draft,
  published,
  dirty,
  canPublish,
  onNotice,
}: {
  draft: RuleVersion;
  published: RuleVersion;
  /** The editor holds changes not yet saved: the preview and publish are of the saved draft. */
  dirty: boolean;
  canPublish: boolean;
  onNotice?: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.preview');
  const f = useRuleFormat();
  const query = usePreviewQuery({ version: draft.version, params: draft.params });
  const data = query.data;
  return (
    <RulesCard
      testId="rules-preview"
      title={t('title')}
      description={t('description', { published: published.version, draft: draft.version })}
    >
      {dirty && (
        <p
          data-testid="preview-outdated"
          className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('saveFirst')}
        </p>
      )}
      <div
        aria-busy={query.isFetching}
        className={`transition-opacity ${query.isFetching && data ? 'opacity-60' : ''}`}
      >
        {query.isError ? (
          <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800">
            <p>{t('error', { message: query.error.message })}</p>
            <button
              type="button"
              onClick={() => query.refetch()}
              className="mt-2 font-medium underline underline-offset-2"
            >
              {t('retry')}
            </button>
          </div>
        ) : !data ? (
          <div className="grid h-40 place-items-center text-sm text-slate-500">{t('loading')}</div>
        ) : (
          <PreviewMatrix key={`${data.draftVersion}:${data.asOf}:${data.moving}`} data={data} />
        )}
      </div>
      {data && (
        <p className="text-xs text-slate-500">
          {t('asOf', { when: f.when(data.asOf) })} {t('afterPublish')}
        </p>
      )}
      {canPublish && (
        <PublishForm draft={draft} published={published} dirty={dirty} onNotice={onNotice} />
      )}
    </RulesCard>
  );
}

function PreviewMatrix({ data }: { data: PreviewJson }) {
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
                {fan.telegramUserId === null ? (
                  <span className="text-slate-500">{t('erased', { id: fan.fanId })}</span>
                ) : (
                  <>
                    <span className="font-medium text-slate-800">
                      {fan.name ?? <span className="text-slate-400">{t('noName')}</span>}
                    </span>
                    {fan.username && <span className="text-indigo-700">@{fan.username}</span>}
                    <span className="text-xs text-slate-500 tabular-nums">
                      {t('telegramId', { id: String(fan.telegramUserId) })}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        data.total > 0 && <p className="text-sm text-slate-500">{t('pickCell')}</p>
      )}
    </div>
  );
}

function PublishForm({
  draft,
  published,
  dirty,
  onNotice,
}: {
  draft: RuleVersion;
  published: RuleVersion;
  dirty: boolean;
  onNotice?: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.publish');
  const errorMessage = useRulesErrorMessage();
  const [note, setNote] = useState('');
  const publish = usePublishMutation();
  const unchanged = draft.changes.length === 0 && draft.basedOnVersion === published.version;
  const context = { version: draft.version, basedOn: draft.basedOnVersion };
  const blocked = dirty ? t('saveFirst') : unchanged ? t('noChanges') : null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate(
          { version: draft.version, note },
          {
            onSuccess: ({ version }) =>
              onNotice?.({ tone: 'success', text: t('done', { version }) }),
            // The draft is gone from the page once the rules are read again: say why above.
            onError: (error) => {
              if (error.code === 'not_draft' || error.code === 'not_found')
                onNotice?.({ tone: 'error', text: errorMessage(error, context) });
            },
          },
        );
      }}
      className="flex flex-col gap-3 border-t border-slate-100 pt-4"
    >
      <h3 className="text-sm font-semibold text-slate-800">{t('title')}</h3>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">{t('note')}</span>
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          rows={2}
          required
          data-testid="publish-note"
          placeholder={t('notePlaceholder')}
          className="w-full max-w-xl rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm shadow-xs outline-none focus:border-indigo-400 focus:ring-2 focus:ring-indigo-200"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          data-testid="publish-submit"
          disabled={publish.isPending || blocked !== null || note.trim() === ''}
          className={buttonClass.primary}
        >
          {publish.isPending ? t('publishing') : t('submit', { version: draft.version })}
        </button>
        <span aria-live="polite" className="text-sm">
          {publish.isError ? (
            <span role="alert" data-testid="publish-error" className="text-red-700">
              {errorMessage(publish.error, context)}
            </span>
          ) : (
            blocked && <span className="text-slate-500">{blocked}</span>
          )}
        </span>
      </div>
      {!blocked && <p className="text-xs text-slate-500">{t('hint')}</p>}
    </form>
  );
}
