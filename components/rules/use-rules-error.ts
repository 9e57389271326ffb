'use client';

import { useTranslations } from 'next-intl';
import type { RulesApiError } from '@/lib/rules/hooks';

/** A refused rule change in the reader's language, from the engine's code. */
export function useRulesErrorMessage() {
  const t = useTranslations('rules.errors');
  return (error: RulesApiError, context: { version: number; basedOn?: number | null }) => {
    if (error.status === 401) return t('signedOut');
    if (error.status === 403) return t('forbidden');
    switch (error.code) {
      case 'stale_draft':
        return t('staleDraft', { version: context.version, based: context.basedOn ?? 0 });
      case 'not_draft':
        return t('notDraft', { version: context.version });
      case 'not_found':
        return t('notFound', { version: context.version });
      case 'invalid':
        if (error.fields.note) return t('note');
        if (Object.keys(error.fields).length > 0) return t('fields');
        return t('other', { message: error.message });
      default:
        return t('other', { message: error.message });
    }
  };
}
