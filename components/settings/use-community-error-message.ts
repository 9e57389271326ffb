import { useTranslations } from 'next-intl';
import type { ApiRequestError } from '@/lib/api/fetch';

const known = [
  'invalid',
  'unknown_time_zone',
  'community_busy',
  'not_found',
  'rate_limited',
  'unauthorized',
  'forbidden',
] as const;
type Known = (typeof known)[number];
const isKnown = (code: string): code is Known => (known as readonly string[]).includes(code);

/** The message for a refused community change: the page's own words for a known code. */
export function useCommunityErrorMessage() {
  const t = useTranslations('settings.communities.errors');
  return (error: ApiRequestError | Error) => {
    const code = 'code' in error ? String(error.code) : '';
    return isKnown(code) ? t(code) : t('failed', { message: error.message });
  };
}
