'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RuleParamName } from '@/lib/lifecycle/rule-params';
import { ruleFieldByName } from '@/lib/rules/fields';
import type { Person } from '@/lib/rules/types';

/** Rule values, people and times as the Rules page words them, in the reader's language. */
export function useRuleFormat() {
  const t = useTranslations('rules');
  const format = useFormatter();
  return {
    label: (name: RuleParamName) => t(`params.${name}.label`),
    value: (name: RuleParamName, value: number) => {
      const { unit } = ruleFieldByName[name];
      if (unit === 'days') return t('units.days', { value });
      if (unit === 'spend' && value === 0) return t('units.anyPurchase');
      return format.number(value);
    },
    who: (person: Person | null) => person?.name ?? t('system'),
    when: (iso: string) =>
      format.dateTime(new Date(iso), {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
    number: (n: number) => format.number(n),
  };
}
