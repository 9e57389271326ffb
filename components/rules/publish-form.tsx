'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePublishMutation } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, type Notice } from './card';
import { NoteField } from './note-field';
import { useRulesErrorMessage } from './use-rules-error';

/** Publishing the saved draft with a note; refused while edits are unsaved or nothing changed. */
export function PublishForm({
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
      <NoteField
        label={t('note')}
        value={note}
        onChange={(value) => {
          setNote(value);
          if (publish.isError) publish.reset();
        }}
        testId="publish-note"
        issue={publish.error?.field('note')}
        multiline
        placeholder={t('notePlaceholder')}
      />
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
