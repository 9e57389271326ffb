'use client';

import { useTranslations } from 'next-intl';
import type { RuleVersion } from '@/lib/rules/types';
import { useRuleFormat } from './use-rule-format';

/** Where the draft started from and who started it; a warning when it can't be published. */
export function DraftMeta({ draft, published }: { draft: RuleVersion; published: RuleVersion }) {
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
