'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useDiscardDraftMutation } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, type Notice } from './card';
import { useRulesErrorMessage } from './use-rules-error';

/** "Discard draft", asked twice: its values are lost. */
export function DiscardDraft({
  draft,
  onNotice,
}: {
  draft: RuleVersion;
  onNotice: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.draft');
  const errorMessage = useRulesErrorMessage();
  const [confirming, setConfirming] = useState(false);
  const discard = useDiscardDraftMutation();
  if (!confirming)
    return (
      <button
        type="button"
        data-testid="draft-discard"
        onClick={() => setConfirming(true)}
        className={buttonClass.danger}
      >
        {t('discard')}
      </button>
    );
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="discard-confirm">
      <span className="text-sm text-slate-700">
        {t('discardConfirm', { version: draft.version })}
      </span>
      <button
        type="button"
        data-testid="discard-yes"
        disabled={discard.isPending}
        onClick={() =>
          discard.mutate(draft.version, {
            onSuccess: () =>
              onNotice({ tone: 'success', text: t('discarded', { version: draft.version }) }),
            onError: (error) =>
              onNotice({
                tone: 'error',
                text: errorMessage(error, {
                  version: draft.version,
                  basedOn: draft.basedOnVersion,
                }),
              }),
          })
        }
        className={buttonClass.dangerSolid}
      >
        {t('discardYes')}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className={buttonClass.secondary}>
        {t('cancel')}
      </button>
    </span>
  );
}
