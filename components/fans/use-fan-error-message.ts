import { useTranslations } from 'next-intl';
import { ApiRequestError } from '@/lib/api/fetch';

// The codes the fan routes refuse with (FanError, the shared schemas' field issues, the
// route wrapper's), each worded in fans.errors; anything else shows the server's message.
const codes = [
  'not_found',
  'erased',
  'confirm_mismatch',
  'too_small',
  'too_big',
  'control_character',
  'invalid_unicode',
  'invalid_cursor',
  'forbidden',
  'unauthorized',
  'internal',
] as const;

/** The reader's words for a refused or failed fan request. */
export function useFanErrorMessage() {
  const t = useTranslations('fans.errors');
  return (error: Error): string => {
    if (!(error instanceof ApiRequestError)) return t('failed', { message: error.message });
    const field = error.fields[0];
    const code = codes.find((c) => c === (error.code === 'invalid' ? field?.code : error.code));
    if (!code) return t('failed', { message: error.message });
    return t(code, {
      maximum: Number(field?.maximum ?? 0),
      expected: field?.expected ?? '',
      ref: error.ref ?? '',
    });
  };
}
