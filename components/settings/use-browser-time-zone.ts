import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => 'UTC';

/**
 * The browser's time zone, for clock times an admin reads against their own clock. The
 * server renders UTC and hydration keeps it, then the browser's zone replaces it.
 */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(subscribe, browserZone, serverZone);
}
