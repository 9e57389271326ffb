'use client';

import { useTranslations } from 'next-intl';
import { ruleFields } from '@/lib/rules/fields';
import type { RuleVersion } from '@/lib/rules/types';
import { RulesCard, VersionBadge } from './card';
import { useRuleFormat } from './use-rule-format';

/** The rules in force: every parameter with its meaning, and who published them, when, why. */
export function PublishedRules({ published }: { published: RuleVersion }) {
  const t = useTranslations('rules');
  const f = useRuleFormat();
  return (
    <RulesCard
      testId="published-rules"
      title={t('published.title')}
      description={t('published.description')}
      aside={
        <VersionBadge testId="published-version">
          {t('version', { version: published.version })}
        </VersionBadge>
      }
    >
      <div className="flex flex-col gap-1 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600 sm:flex-row sm:flex-wrap sm:gap-x-4">
        <span data-testid="published-meta">
          {t('published.meta', {
            who: f.who(published.publishedBy),
            when: published.publishedAt ? f.when(published.publishedAt) : '–',
          })}
        </span>
        {published.note && (
          <span className="min-w-0 break-words text-slate-800" data-testid="published-note">
            {t('published.note', { note: published.note })}
          </span>
        )}
      </div>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {ruleFields.map(({ name }) => (
          <div key={name} className="flex min-w-0 flex-col rounded-lg border border-slate-200 p-3">
            <dt className="flex flex-col">
              <span className="text-sm font-medium text-slate-800">{f.label(name)}</span>
              <code className="truncate text-[11px] text-slate-400">{name}</code>
            </dt>
            <dd
              data-testid={`published-${name}`}
              data-value={published.params[name]}
              className="mt-1 text-lg font-semibold text-slate-900 tabular-nums"
            >
              {f.value(name, published.params[name])}
            </dd>
            <dd className="mt-0.5 text-sm text-slate-500">{t(`params.${name}.meaning`)}</dd>
          </div>
        ))}
      </dl>
    </RulesCard>
  );
}
