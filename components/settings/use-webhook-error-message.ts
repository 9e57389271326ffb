import { useTranslations } from 'next-intl';
import type { ApiRequestError } from '@/lib/api/fetch';

const known = [
  'invalid',
  'duplicate_name',
  'revoked',
  'not_found',
  'not_configured',
  'rate_limited',
  'unauthorized',
  'forbidden',
] as const;
type Known = (typeof known)[number];
const isKnown = (code: string): code is Known => (known as readonly string[]).includes(code);

/** The message for a refused webhook source change: the page's own words for a known code. */
export function useWebhookErrorMessage() {
  const t = useTranslations('settings.webhooks.errors');
  return (error: ApiRequestError) =>
    isKnown(error.code) ? t(error.code) : t('failed', { message: error.message });
}
