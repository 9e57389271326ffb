'use client';

import { useFormatter, useTranslations } from 'next-intl';

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

/** "16 days silent", "spent ¥120 in the value window"…: the deciding numbers in words. */
export function StageReason({
  rule,
  features,
}: {
  rule: string;
  features: Record<string, unknown>;
}) {
  const t = useTranslations('reasons');
  const format = useFormatter();
  const days = (v: unknown) => Math.floor(num(v));
  switch (rule) {
    case 'left_all':
      return t('left_all');
    case 'churn_silence':
    case 'at_risk_silence':
      return t('silence', { days: days(features.silence_days) });
    case 'not_activated':
      return t('not_activated', {
        days: days(features.days_since_joined),
        engagements: num(features.first_window_engagements),
      });
    case 'spend':
      return t('spend', { amount: format.number(num(features.spend)) });
    case 'core':
      return t('core', {
        days: num(features.active_days),
        messages: num(features.window_messages),
      });
    case 'activated':
      return t('activated', {
        first: num(features.first_window_engagements),
        window: num(features.window_engagements),
      });
    case 'new':
      return t('new', { days: days(features.days_since_joined) });
    default:
      return rule;
  }
}
