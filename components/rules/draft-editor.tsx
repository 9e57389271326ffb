'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { RuleParamName } from '@/lib/lifecycle/rule-params';
import {
  changedParams,
  fieldProblem,
  inputValue,
  ruleFields,
  type FieldProblem,
  type RuleField,
} from '@/lib/rules/fields';
import {
  useDiscardDraftMutation,
  useSaveDraftMutation,
  useStartDraftMutation,
} from '@/lib/rules/hooks';
import type { RuleVersion } from '@/lib/rules/types';
import { buttonClass, RulesCard, VersionBadge, type Notice } from './card';
import { ChangeList } from './change-list';
import { PreviewPanel } from './preview-panel';
import { useRuleFormat } from './use-rule-format';
import { useRulesErrorMessage } from './use-rules-error';

type Values = Record<RuleParamName, string>;

const toValues = (params: RuleVersion['params']): Values =>
  Object.fromEntries(ruleFields.map((f) => [f.name, String(params[f.name])])) as Values;

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

function DraftMeta({ draft, published }: { draft: RuleVersion; published: RuleVersion }) {
  const t = useTranslations('rules.draft');
  const f = useRuleFormat();
  return (
    <>
      <p className="text-sm text-slate-600">
        {t('meta', {
          based: draft.basedOnVersion ?? 0,
          who: f.who(draft.createdBy),
          when: f.when(draft.createdAt),
        })}
      </p>
      {draft.basedOnVersion !== published.version && (
        <p
          role="alert"
          data-testid="draft-stale"
          className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('stale', { based: draft.basedOnVersion ?? 0, published: published.version })}
        </p>
      )}
    </>
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

function DraftEditor({
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
  const [problems, setProblems] = useState<Partial<Record<string, FieldProblem>>>({});
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const save = useSaveDraftMutation();
  const discard = useDiscardDraftMutation();
  const saved = toValues(draft.params);
  const dirty = ruleFields.some((f) => values[f.name] !== saved[f.name]);
  const context = { version: draft.version, basedOn: draft.basedOnVersion };

  const submit = () => {
    const params = Object.fromEntries(
      ruleFields.map((f) => [f.name, inputValue(values[f.name])]),
    ) as Record<RuleParamName, number | null>;
    setProblems({});
    save.mutate(
      { version: draft.version, params },
      {
        onSuccess: () => {
          setValues(toValues(params as RuleVersion['params']));
        },
        onError: (error) => {
          if (error.code === 'not_draft' || error.code === 'not_found')
            onNotice({ tone: 'error', text: errorMessage(error, context) });
          setProblems(
            Object.fromEntries(
              Object.entries(error.fields).map(([name, message]) => [
                name,
                fieldProblem(name, message, params),
              ]),
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
                problem={problems[field.name]}
                changed={unsavedChanges.some((c) => c.param === field.name)}
                onChange={(value) => {
                  setValues((v) => ({ ...v, [field.name]: value }));
                  setProblems((p) => ({ ...p, [field.name]: undefined }));
                }}
              />
            ))}
          </div>
          {problems['(rules)'] && (
            <p role="alert" className="text-sm text-red-700">
              {problems['(rules)'].key === 'other' ? problems['(rules)'].message : ''}
            </p>
          )}
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
                setProblems({});
              }}
              className={buttonClass.secondary}
            >
              {t('undo')}
            </button>
            <span className="grow" />
            {confirmDiscard ? (
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
                        onNotice({
                          tone: 'success',
                          text: t('discarded', { version: draft.version }),
                        }),
                      onError: (error) =>
                        onNotice({ tone: 'error', text: errorMessage(error, context) }),
                    })
                  }
                  className={buttonClass.dangerSolid}
                >
                  {t('discardYes')}
                </button>
                <button
                  type="button"
                  onClick={() => setConfirmDiscard(false)}
                  className={buttonClass.secondary}
                >
                  {t('cancel')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                data-testid="draft-discard"
                onClick={() => setConfirmDiscard(true)}
                className={buttonClass.danger}
              >
                {t('discard')}
              </button>
            )}
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

function FieldInput({
  field,
  value,
  published,
  problem,
  changed,
  onChange,
}: {
  field: RuleField;
  value: string;
  published: number;
  problem: FieldProblem | undefined;
  changed: boolean;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('rules');
  const f = useRuleFormat();
  const id = `draft-${field.name}`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="flex flex-col text-sm">
        <span className="font-medium text-slate-800">{f.label(field.name)}</span>
        <code className="truncate text-[11px] text-slate-400">{field.name}</code>
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={field.name}
          type="number"
          inputMode="numeric"
          step={1}
          min={field.min}
          max={field.max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={`draft-field-${field.name}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          className={`w-32 rounded-lg border px-2.5 py-1.5 text-sm tabular-nums shadow-xs outline-none focus:ring-2 ${
            problem
              ? 'border-red-400 bg-red-50 focus:ring-red-200'
              : changed
                ? 'border-indigo-400 bg-indigo-50/50 focus:ring-indigo-200'
                : 'border-slate-300 focus:border-indigo-400 focus:ring-indigo-200'
          }`}
        />
        {field.unit === 'days' && (
          <span className="text-sm text-slate-500">{t('units.dayWord')}</span>
        )}
        {changed && (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
            {t('draft.changed')}
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t('draft.hint', {
          min: f.number(field.min),
          max: f.number(field.max),
          published: f.value(field.name, published),
        })}
      </p>
      {problem && (
        <p
          id={`${id}-error`}
          role="alert"
          data-testid={`draft-error-${field.name}`}
          className="text-xs font-medium text-red-700"
        >
          {problem.key === 'other'
            ? t('fieldErrors.other', { message: problem.message })
            : problem.key === 'min' || problem.key === 'max'
              ? t(`fieldErrors.${problem.key}`, { limit: f.number(problem.limit) })
              : problem.key === 'coreBelowWindow'
                ? t('fieldErrors.coreBelowWindow', {
                    window: problem.window === null ? '–' : f.number(problem.window),
                  })
                : t(`fieldErrors.${problem.key}`)}
        </p>
      )}
    </div>
  );
}
