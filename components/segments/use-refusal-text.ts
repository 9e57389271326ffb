'use client';

import { useTranslations } from 'next-intl';
import { ApiRequestError } from '@/lib/api/fetch';

/**
 * A segment request's refusal in the reader's language: from the field issue's code and
 * limits when the server named a field, else from the error's code. Never re-checks input.
 */
export function useRefusalText(): (error: Error) => string {
  const t = useTranslations('segments.errors');
  const fieldName = (path: string) => {
    const key = path.split('.').find((p) => t.has(`fields.${p}` as never) && p !== 'query');
    return key ? t(`fields.${key}` as never) : t('fields.query');
  };
  return (error) => {
    if (!(error instanceof ApiRequestError)) return t('network');
    const field = error.fields[0];
    if (field) {
      const name = fieldName(field.path.replace(/^(query|body)\./, ''));
      switch (field.code) {
        case 'unknown_tag':
          return t('unknownTag', { tags: (field.values ?? []).map(String).join(', ') });
        case 'unknown_community':
          return t('unknownCommunity');
        case 'invalid_cursor':
        case 'cursor_mismatch':
          return t('staleCursor');
        case 'control_character':
        case 'invalid_unicode':
          return t('controlCharacter', { field: name });
        case 'too_big':
          return t('tooLong', { field: name, maximum: Number(field.maximum) });
        case 'too_small':
          return t('empty', { field: name });
        case 'invalid_date':
          return t('invalidDate', { field: name });
        case 'range_reversed':
          return t('rangeReversed', { field: name });
        default:
          return t('invalidField', { field: name });
      }
    }
    switch (error.code) {
      case 'forbidden':
        return t('forbidden');
      case 'unauthorized':
        return t('unauthorized');
      case 'not_found':
        return t('notFound');
      case 'internal':
        return t('internal', { ref: error.ref ?? '–' });
      default:
        return t('invalidField', { field: t('fields.query') });
    }
  };
}
