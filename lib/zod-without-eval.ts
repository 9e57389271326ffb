import { z } from 'zod';

// zod 4 compiles its object parsers with `new Function` where it may, and finds out by
// trying once: under the app's Content-Security-Policy (no 'unsafe-eval',
// lib/security-headers.ts) even that try is a reported violation. The browser's schemas
// are small, so there it parses without; the server keeps the compiled parsers (an import
// checks every record with them).
if (typeof window !== 'undefined') z.config({ jitless: true });
