'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRollbackMutation } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, type Notice } from './card';
import { NoteField } from './note-field';
import { useRulesErrorMessage } from './use-rules-error';

/** Publishing an earlier version's rules again, with a note saying why. */
export function RollbackForm({
  target,
  published,
  hasDraft,
  onDone,
  onCancel,
}: {
  target: RuleVersion;
  published: RuleVersion;
  hasDraft: boolean;
  onDone: (notice: Notice) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('rules.history');
  const errorMessage = useRulesErrorMessage();
  const [note, setNote] = useState(() => t('rollbackNote', { version: target.version }));
  const rollback = useRollbackMutation();
  return (
    <form
      noValidate
      data-testid="rollback-form"
      onSubmit={(e) => {
        e.preventDefault();
        rollback.mutate(
          { version: target.version, note },
          {
            onSuccess: ({ version }) =>
              onDone({
                tone: 'success',
                text: t('rolledBack', { version, target: target.version }),
              }),
          },
        );
      }}
      className="flex flex-col gap-3 rounded-lg border border-indigo-100 bg-indigo-50/40 p-3"
    >
      <p className="text-sm text-slate-700">
        {t('rollbackExplain', { target: target.version, published: published.version })}
        {hasDraft && <> {t('rollbackDraft')}</>}
      </p>
      <NoteField
        label={t('note')}
        value={note}
        onChange={(value) => {
          setNote(value);
          if (rollback.isError) rollback.reset();
        }}
        testId="rollback-note"
        issue={rollback.error?.field('note')}
      />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          data-testid="rollback-confirm"
          disabled={rollback.isPending || note.trim() === ''}
          className={buttonClass.primary}
        >
          {rollback.isPending
            ? t('rollingBack')
            : t('rollbackConfirm', { version: target.version })}
        </button>
        <button type="button" onClick={onCancel} className={buttonClass.secondary}>
          {t('cancel')}
        </button>
        {rollback.isError && (
          <span role="alert" data-testid="rollback-error" className="text-sm text-red-700">
            {errorMessage(rollback.error, { version: target.version })}
          </span>
        )}
      </div>
    </form>
  );
}
