'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { FieldIssue } from '@/lib/api/errors';
import type { RuleParamName } from '@/lib/lifecycle/rule-params';
import { changedParams, inputValue, ruleFields } from '@/lib/rules/fields';
import { useSaveDraftMutation } from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, RulesCard, VersionBadge, type Notice } from './card';
import { DiscardDraft } from './discard-draft';
import { DraftMeta } from './draft-meta';
import { FieldInput } from './field-input';
import { PreviewPanel } from './preview-panel';
import { useRulesErrorMessage } from './use-rules-error';

type Values = Record<RuleParamName, string>;
type Issues = Partial<Record<RuleParamName, FieldIssue>>;

const toValues = (params: RuleVersion['params']): Values =>
  Object.fromEntries(ruleFields.map((f) => [f.name, String(params[f.name])])) as Values;

/** The open draft's values as a form: edit, save, undo, discard; its preview below. */
export function DraftEditor({
  draft,
  published,
  onNotice,
}: {
  draft: RuleVersion;
  published: RuleVersion;
  onNotice: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.draft');
  const errorMessage = useRulesErrorMessage();
  const [values, setValues] = useState<Values>(() => toValues(draft.params));
  const [issues, setIssues] = useState<Issues>({});
  const save = useSaveDraftMutation();
  const saved = toValues(draft.params);
  const dirty = ruleFields.some((f) => values[f.name] !== saved[f.name]);
  const context = { version: draft.version, basedOn: draft.basedOnVersion };

  const submit = () => {
    const params = Object.fromEntries(
      ruleFields.map((f) => [f.name, inputValue(values[f.name])]),
    ) as Record<RuleParamName, number | null>;
    setIssues({});
    save.mutate(
      { version: draft.version, params },
      {
        onSuccess: () => setValues(toValues(params as RuleVersion['params'])),
        onError: (error) => {
          if (error.code === 'not_draft' || error.code === 'not_found')
            onNotice({ tone: 'error', text: errorMessage(error, context) });
          // The server says which values it refused, why and within which limits.
          setIssues(
            Object.fromEntries(
              ruleFields.flatMap((f) => {
                const issue = error.field(`params.${f.name}`);
                return issue ? [[f.name, issue]] : [];
              }),
            ),
          );
        },
      },
    );
  };

  const unsavedChanges = changedParams(
    published.params,
    Object.fromEntries(
      ruleFields.map((f) => [f.name, inputValue(values[f.name]) ?? Number.NaN]),
    ) as RuleVersion['params'],
  );

  return (
    <>
      <RulesCard
        testId="draft-editor"
        title={t('title')}
        description={t('editDescription')}
        aside={<VersionBadge testId="draft-version">v{draft.version}</VersionBadge>}
      >
        <DraftMeta draft={draft} published={published} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          className="flex flex-col gap-4"
        >
          <div className="grid gap-x-4 gap-y-5 sm:grid-cols-2 lg:grid-cols-3">
            {ruleFields.map((field) => (
              <FieldInput
                key={field.name}
                field={field}
                value={values[field.name]}
                published={published.params[field.name]}
                issue={issues[field.name]}
                changed={unsavedChanges.some((c) => c.param === field.name)}
                onChange={(value) => {
                  setValues((v) => ({ ...v, [field.name]: value }));
                  setIssues((p) => ({ ...p, [field.name]: undefined }));
                }}
              />
            ))}
          </div>
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
            <button
              type="submit"
              data-testid="draft-save"
              disabled={!dirty || save.isPending}
              className={buttonClass.primary}
            >
              {save.isPending ? t('saving') : t('save')}
            </button>
            <button
              type="button"
              data-testid="draft-undo"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setValues(saved);
                setIssues({});
              }}
              className={buttonClass.secondary}
            >
              {t('undo')}
            </button>
            <span className="grow" />
            <DiscardDraft draft={draft} onNotice={onNotice} />
          </div>
          <div aria-live="polite" className="text-sm">
            {dirty && !save.isPending && (
              <p data-testid="draft-dirty" className="text-amber-700">
                {t('unsaved')}
              </p>
            )}
            {save.isSuccess && !dirty && (
              <p data-testid="draft-saved" className="text-emerald-700">
                {t('saved', { version: draft.version })}
              </p>
            )}
            {save.isError && (
              <p role="alert" data-testid="draft-error" className="text-red-700">
                {errorMessage(save.error, context)}
              </p>
            )}
          </div>
        </form>
      </RulesCard>
      <PreviewPanel
        draft={draft}
        published={published}
        dirty={dirty}
        canPublish
        onNotice={onNotice}
      />
    </>
  );
}
