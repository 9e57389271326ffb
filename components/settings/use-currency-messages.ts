import { useTranslations } from 'next-intl';
import { ApiRequestError } from '@/lib/api/fetch';
import type { CurrencyProblem } from '@/lib/settings/currency-issues';

const known = [
  'invalid',
  'no_purchases',
  'not_found',
  'rate_limited',
  'unauthorized',
  'forbidden',
] as const;
type Known = (typeof known)[number];
const isKnown = (code: string): code is Known => (known as readonly string[]).includes(code);

/**
 * The Currencies panel's words for a refusal (`error`) and for one field's problem
 * (`problem`), in the reader's language, from the server's codes.
 */
export function useCurrencyMessages() {
  const t = useTranslations('settings.currencies');
  return {
    error: (error: Error): string => {
      if (!(error instanceof ApiRequestError))
        return t('errors.failed', { message: error.message });
      if (error.code === 'internal') return t('errors.internal', { ref: error.ref ?? '' });
      return isKnown(error.code)
        ? t(`errors.${error.code}`)
        : t('errors.failed', { message: error.message });
    },
    problem: (problem: CurrencyProblem): string => t(`problems.${problem}`),
  };
}
