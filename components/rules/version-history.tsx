'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { RuleVersion, VersionState } from '@/lib/rules/types';
import { buttonClass, RulesCard, type Notice } from './card';
import { ChangeList } from './change-list';
import { RollbackForm } from './rollback-form';
import { useRuleFormat } from './use-rule-format';

const stateClass: Record<VersionState, string> = {
  published: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  previous: 'bg-slate-100 text-slate-600 ring-slate-200',
  draft: 'bg-amber-50 text-amber-800 ring-amber-200',
  discarded: 'bg-white text-slate-500 ring-slate-200',
};

/** Every version, newest first: who, when, why, what changed; roll back to an earlier one. */
export function VersionHistory({
  versions,
  published,
  hasDraft,
  canWrite,
  onNotice,
}: {
  versions: RuleVersion[];
  published: RuleVersion;
  hasDraft: boolean;
  canWrite: boolean;
  onNotice: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.history');
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <RulesCard testId="rules-history" title={t('title')} description={t('description')}>
      <ol className="flex flex-col divide-y divide-slate-100">
        {versions.map((v) => (
          <VersionRow
            key={v.version}
            version={v}
            canRollback={canWrite && v.state === 'previous'}
            confirming={confirming === v.version}
            onConfirm={(on) => setConfirming(on ? v.version : null)}
            published={published}
            hasDraft={hasDraft}
            onNotice={onNotice}
          />
        ))}
      </ol>
    </RulesCard>
  );
}

function VersionRow({
  version: v,
  canRollback,
  confirming,
  onConfirm,
  published,
  hasDraft,
  onNotice,
}: {
  version: RuleVersion;
  canRollback: boolean;
  confirming: boolean;
  onConfirm: (on: boolean) => void;
  published: RuleVersion;
  hasDraft: boolean;
  onNotice: (notice: Notice) => void;
}) {
  const t = useTranslations('rules.history');
  const tRules = useTranslations('rules');
  const f = useRuleFormat();
  const muted = v.state === 'discarded';
  return (
    <li
      data-testid={`history-${v.version}`}
      data-state={v.state}
      className={`flex flex-col gap-2 py-3 first:pt-0 last:pb-0 ${muted ? 'opacity-75' : ''}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-semibold text-slate-900">
              {tRules('version', { version: v.version })}
            </span>
            <span
              data-testid={`history-${v.version}-state`}
              className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${stateClass[v.state]}`}
            >
              {t(`state.${v.state}`)}
            </span>
            {v.publishedAs === 'rollback' && (
              <span className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700 ring-1 ring-violet-200">
                {t('rollbackKind')}
              </span>
            )}
            {v.sameAsVersion !== null && (
              <span data-testid={`history-${v.version}-same`} className="text-xs text-slate-600">
                {t('sameAs', { version: v.sameAsVersion })}
              </span>
            )}
          </div>
          <p className="text-sm text-slate-600">
            {v.publishedAt
              ? t('published', { who: f.who(v.publishedBy), when: f.when(v.publishedAt) })
              : t('drafted', { who: f.who(v.createdBy), when: f.when(v.createdAt) })}
          </p>
          {v.note && (
            <p
              className="text-sm break-words text-slate-800"
              data-testid={`history-${v.version}-note`}
            >
              “{v.note}”
            </p>
          )}
        </div>
        {canRollback && !confirming && (
          <button
            type="button"
            data-testid={`rollback-${v.version}`}
            onClick={() => onConfirm(true)}
            className={buttonClass.secondary}
          >
            {t('rollback', { version: v.version })}
          </button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
        {v.basedOnVersion === null ? (
          <span>{t('initial')}</span>
        ) : v.changes.length === 0 ? (
          <span>{t('noChanges', { version: v.basedOnVersion })}</span>
        ) : (
          <>
            <span>{t('against', { version: v.basedOnVersion })}</span>
            <ChangeList changes={v.changes} testId={`history-${v.version}-changes`} />
          </>
        )}
      </div>
      {confirming && (
        <RollbackForm
          target={v}
          published={published}
          hasDraft={hasDraft}
          onDone={(notice) => {
            onConfirm(false);
            onNotice(notice);
          }}
          onCancel={() => onConfirm(false)}
        />
      )}
    </li>
  );
}
