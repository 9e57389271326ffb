import { useTranslations } from 'next-intl';
import type { ApiRequestError } from '@/lib/api/fetch';

const known = [
  'invalid',
  'duplicate_email',
  'self_disable',
  'self_reset',
  'last_admin',
  'not_found',
  'rate_limited',
  'unauthorized',
  'forbidden',
] as const;
type Known = (typeof known)[number];
const isKnown = (code: string): code is Known => (known as readonly string[]).includes(code);

/** The message for a refused request: the page's own words for a known code. */
export function useSettingsErrorMessage() {
  const t = useTranslations('settings.users.errors');
  return (error: ApiRequestError) =>
    isKnown(error.code) ? t(error.code) : t('failed', { message: error.message });
}
