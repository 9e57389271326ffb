'use client';

import { useTranslations } from 'next-intl';
import { usePreviewQuery } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { RulesCard, type Notice } from './card';
import { PreviewMatrix } from './preview-matrix';
import { PublishForm } from './publish-form';
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
  const errorMessage = useRulesErrorMessage();
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
            <p>
              {t('error', {
                message: errorMessage(query.error, {
                  version: draft.version,
                  basedOn: draft.basedOnVersion,
                }),
              })}
            </p>
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
      {data && !data.showsPeople && (
        <p data-testid="preview-people-hidden" className="text-xs text-slate-500">
          {t('peopleHidden')}
        </p>
      )}
      {canPublish && (
        <PublishForm draft={draft} published={published} dirty={dirty} onNotice={onNotice} />
      )}
    </RulesCard>
  );
}
