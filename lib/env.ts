import { z } from 'zod';

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
    APP_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (it encrypts Telegram sessions)')
      .optional(),
  })
  .superRefine((env, ctx) => {
    const telegram = ['TELEGRAM_API_ID', 'TELEGRAM_API_HASH', 'APP_SECRET'] as const;
    if (telegram.some((name) => env[name] !== undefined))
      for (const name of telegram)
        if (env[name] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required with ${telegram.filter((n) => n !== name).join(' and ')} for the Telegram worker`,
          });
  });

export type Env = z.infer<typeof envSchema>;

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
