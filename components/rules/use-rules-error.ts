'use client';

import { useTranslations } from 'next-intl';
import type { ApiRequestError } from '@/lib/api/fetch';

/** A refused rule change in the reader's language, from the server's code. */
export function useRulesErrorMessage() {
  const t = useTranslations('rules.errors');
  return (error: ApiRequestError, context: { version: number; basedOn?: number | null }) => {
    switch (error.code) {
      case 'unauthorized':
        return t('signedOut');
      case 'forbidden':
        return t('forbidden');
      case 'stale_draft':
        return t('staleDraft', { version: context.version, based: context.basedOn ?? 0 });
      case 'not_draft':
        return t('notDraft', { version: context.version });
      case 'not_found':
        return t('notFound', { version: context.version });
      case 'rate_limited':
        return t('rateLimited');
      case 'invalid':
        if (error.field('note')) return t('note');
        if (error.fields.length > 0) return t('fields');
        return t('other', { message: error.message });
      default:
        return t('other', { message: error.message });
    }
  };
}
