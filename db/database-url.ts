import { readEnv } from '../lib/env';
import { startEmbeddedPostgres, type RunningServer } from './embedded-server';

/**
 * The one way every entry point finds its Postgres: DATABASE_URL when set, else an
 * embedded server with its data under DATA_DIR (./.data by default).
 */
export async function resolveDatabase(): Promise<RunningServer & { embedded: boolean }> {
  const env = readEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {}, embedded: false };
  const server = await startEmbeddedPostgres({ dataDir: env.DATA_DIR });
  return { ...server, embedded: true };
}
