import { useTranslations } from 'next-intl';
import type { SettingsApiError } from '@/lib/settings/hooks';

/** The message for a refused request: the page's own words for a known code. */
export function useSettingsErrorMessage() {
  const t = useTranslations('settings.users.errors');
  return (error: SettingsApiError) =>
    error.code ? t(error.code) : t('failed', { message: error.message });
}
