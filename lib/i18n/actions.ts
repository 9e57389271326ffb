'use server';

import { cookies } from 'next/headers';
import { isLocale, localeCookie } from './config';

const oneYear = 60 * 60 * 24 * 365;

/** Remembers the person's language in a cookie; the caller refreshes the page after. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) throw new Error(`Unsupported locale: ${locale}`);
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: oneYear, sameSite: 'lax' });
}
