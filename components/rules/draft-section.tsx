'use client';

import { useTranslations } from 'next-intl';
import { useStartDraftMutation } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, RulesCard, VersionBadge, type Notice } from './card';
import { ChangeList } from './change-list';
import { DraftEditor } from './draft-editor';
import { DraftMeta } from './draft-meta';
import { PreviewPanel } from './preview-panel';
import { useRulesErrorMessage } from './use-rules-error';

/** The draft part of the page: start one, edit it, preview it and publish it. */
export function DraftSection({
  draft,
  published,
  canWrite,
  onNotice,
}: {
  draft: RuleVersion | null;
  published: RuleVersion;
  canWrite: boolean;
  onNotice: (notice: Notice) => void;
}) {
  if (!draft) return canWrite ? <StartDraft published={published} /> : null;
  if (!canWrite)
    return (
      <>
        <ReadOnlyDraft draft={draft} published={published} />
        <PreviewPanel draft={draft} published={published} dirty={false} canPublish={false} />
      </>
    );
  return (
    <DraftEditor key={draft.version} draft={draft} published={published} onNotice={onNotice} />
  );
}

function StartDraft({ published }: { published: RuleVersion }) {
  const t = useTranslations('rules.draft');
  const start = useStartDraftMutation();
  const errorMessage = useRulesErrorMessage();
  return (
    <RulesCard testId="draft-none" title={t('title')} description={t('none')}>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          data-testid="draft-start"
          disabled={start.isPending}
          onClick={() => start.mutate()}
          className={buttonClass.primary}
        >
          {start.isPending ? t('starting') : t('start', { version: published.version })}
        </button>
        {start.isError && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(start.error, { version: published.version })}
          </p>
        )}
      </div>
    </RulesCard>
  );
}

/** Growth sees the open draft and its preview, without any control that changes them. */
function ReadOnlyDraft({ draft, published }: { draft: RuleVersion; published: RuleVersion }) {
  const t = useTranslations('rules.draft');
  return (
    <RulesCard
      testId="draft-readonly"
      title={t('readOnlyTitle')}
      description={t('readOnlyDescription')}
      aside={<VersionBadge testId="draft-version">v{draft.version}</VersionBadge>}
    >
      <DraftMeta draft={draft} published={published} />
      {draft.changes.length > 0 ? (
        <ChangeList changes={draft.changes} testId="draft-changes" />
      ) : (
        <p className="text-sm text-slate-500">{t('noChanges')}</p>
      )}
    </RulesCard>
  );
}
