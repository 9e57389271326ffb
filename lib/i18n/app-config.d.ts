import type { Locale } from './config';
import type messages from './messages/en.json';

// Typed message keys and locales for useTranslations / getTranslations.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
