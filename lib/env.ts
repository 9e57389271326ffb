import { z } from 'zod';
import { parseTrustedProxies } from './auth/client-address';

const authSecretHelp =
  'Set it to at least 32 random characters, e.g. AUTH_SECRET=$(openssl rand -base64 32) ' +
  '(npm run demo and the e2e server make one), and keep it: a new one signs everyone out.';

/** The largest export the Import page takes, in bytes (the CLI reads files of any size). */
const importMaxBytes = z.coerce
  .number({ error: 'must be a whole number of bytes' })
  .int('must be a whole number of bytes')
  .min(1024, 'must be at least 1024 bytes')
  .max(64 * 1024 ** 3, 'must be at most 64 GiB')
  .default(200 * 1024 ** 2);

/** The key stored secrets are encrypted under (lib/secrets/secret-box.ts). */
const appSecret = z
  .string()
  .min(32, 'must be at least 32 characters (it encrypts Telegram sessions and webhook secrets)');

// Environment for web and workers, checked once at start with messages that name the variable.
const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DEMO_FANS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
    // The demo source keeps the demo community alive; off freezes it (screenshots, e2e).
    DEMO_LIVE: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    // The Telegram worker: an app from my.telegram.org, and the secret sessions are encrypted with.
    TELEGRAM_API_ID: z.coerce
      .number()
      .int()
      .positive('must be the api_id from my.telegram.org')
      .optional(),
    TELEGRAM_API_HASH: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be the 32-character api_hash from my.telegram.org')
      .optional(),
    APP_SECRET: appSecret.optional(),
    // Sign-in: the key sessions are signed with (the web app requires it in every mode), the
    // proxies whose X-Forwarded-For is believed, the web app's public URL, and the first
    // admin, created at start while there are no users.
    AUTH_SECRET: z
      .string()
      .min(32, `must be at least 32 characters (it signs sign-in sessions). ${authSecretHelp}`)
      .optional(),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          const message = (error as Error).message.replace(/^TRUSTED_PROXIES: /, '');
          ctx.addIssue({ code: 'custom', message });
        }
      }),
    NEXTAUTH_URL: z
      .url("must be the web app's public URL, e.g. https://fans.example.com")
      .optional(),
    ADMIN_EMAIL: z.email('must be an email address').optional(),
    ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    IMPORT_MAX_BYTES: importMaxBytes,
  })
  .superRefine((env, ctx) => {
    // APP_SECRET alone is fine: it also encrypts the purchase webhook's secrets.
    const telegram = ['TELEGRAM_API_ID', 'TELEGRAM_API_HASH', 'APP_SECRET'] as const;
    if (env.TELEGRAM_API_ID !== undefined || env.TELEGRAM_API_HASH !== undefined)
      for (const name of telegram)
        if (env[name] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required with ${telegram.filter((n) => n !== name).join(' and ')} for the Telegram worker`,
          });
  })
  .superRefine((env, ctx) => {
    const admin = ['ADMIN_EMAIL', 'ADMIN_PASSWORD'] as const;
    if (admin.some((name) => env[name] !== undefined))
      for (const name of admin)
        if (env[name] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required with ${admin.find((n) => n !== name)} to create the first admin`,
          });
  });

export type Env = z.infer<typeof envSchema>;

/** The secret sessions are signed with; the web app refuses to run without one. */
export function requireAuthSecret(env: Pick<Env, 'AUTH_SECRET'>): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  throw new Error(
    `AUTH_SECRET is not set: the web app signs sign-in sessions with it, in every mode ` +
      `(next dev included). ${authSecretHelp}`,
  );
}

/**
 * The web app's own checks, at its first sign-in or session check (lib/auth/options.ts)
 * and when its server starts (instrumentation.ts): the session secret is set and long
 * enough, TRUSTED_PROXIES reads. Only these variables, so `next dev` with a partial
 * environment for the workers still starts.
 */
export function checkWebEnv(source: Record<string, string | undefined> = process.env): {
  authSecret: string;
} {
  const env = readEnv({ AUTH_SECRET: source.AUTH_SECRET, TRUSTED_PROXIES: source.TRUSTED_PROXIES });
  return { authSecret: requireAuthSecret(env) };
}

/** The first admin to create while there are no users, or null when not configured. */
export function adminFromEnv(env: Env): { email: string; password: string } | null {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return null;
  return { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD };
}

/**
 * IMPORT_MAX_BYTES alone, for the import route's upload cap (read when its module loads;
 * `npm start` has checked the whole environment before).
 */
export function importMaxBytesOf(source: Record<string, string | undefined> = process.env): number {
  const parsed = importMaxBytes.safeParse(source.IMPORT_MAX_BYTES || undefined);
  if (!parsed.success)
    throw new Error(`Invalid environment:\n  IMPORT_MAX_BYTES: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/**
 * APP_SECRET alone, or null when it is not set: the purchase webhook, its Settings panel and
 * `npm run webhooks` encrypt and read the sources' signing secrets under it.
 */
export function appSecretOf(
  source: Record<string, string | undefined> = process.env,
): string | null {
  if (!source.APP_SECRET) return null;
  const parsed = appSecret.safeParse(source.APP_SECRET);
  if (!parsed.success)
    throw new Error(`Invalid environment:\n  APP_SECRET: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export interface TelegramConfig {
  apiId: number;
  apiHash: string;
  appSecret: string;
}

/** The Telegram worker's settings, or null when it is not configured (the demo runs without). */
export function telegramConfig(env: Env): TelegramConfig | null {
  if (env.TELEGRAM_API_ID === undefined) return null;
  return {
    apiId: env.TELEGRAM_API_ID,
    apiHash: env.TELEGRAM_API_HASH!,
    appSecret: env.APP_SECRET!,
  };
}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
