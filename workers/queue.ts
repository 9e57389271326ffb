import PgBoss from 'pg-boss';

/** The schema pg-boss keeps its tables in (named, since register-jobs writes to one). */
export const QUEUE_SCHEMA = 'pgboss';

/** The job queue every worker process shares; it lives in the app's own Postgres. */
export async function startQueue(url: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: 'fan-lifecycle-worker',
  });
  boss.on('error', (error) => console.error('[queue]', error.message));
  await boss.start();
  return boss;
}
