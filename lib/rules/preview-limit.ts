import { createUserRateLimit } from './user-rate-limit';

/** Previews per person: one at a time, ten a minute (the page asks once per saved draft). */
export const previewLimit = createUserRateLimit({ perWindow: 10, windowMs: 60_000 });
