import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, localeCookie, negotiateLocale, type Locale } from './config';

// No locale in the URL: the cookie (an explicit choice) wins, else the browser's languages.
async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get('accept-language'));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const messages = (await import(`./messages/${locale}.json`)).default;
  // Days in the data are calendar days already counted in each community's zone, so
  // they are formatted as plain UTC dates rather than shifted into the server's zone.
  return { locale, messages, timeZone: 'UTC' };
});
