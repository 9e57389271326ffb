'use client';

import { useTranslations } from 'next-intl';
import { ApiRequestError } from '@/lib/api/fetch';

const known = ['invalid', 'forbidden', 'unauthorized', 'internal'] as const;

/** Why a chart did not load, in the reader's language, from the server's error code. */
export function useChartErrorText(): (error: Error) => string {
  const t = useTranslations('charts.errors');
  return (error) => {
    if (!(error instanceof ApiRequestError)) return t('network');
    if (error.code === 'not_found') return t('notFound');
    if (error.code === 'internal') return t('internal', { ref: error.ref ?? '–' });
    return (known as readonly string[]).includes(error.code)
      ? t(error.code as (typeof known)[number], { ref: error.ref ?? '–' })
      : t('invalid');
  };
}
