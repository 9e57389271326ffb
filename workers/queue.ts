import PgBoss from 'pg-boss';

/** The job queue every worker process shares; it lives in the app's own Postgres. */
export async function startQueue(url: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    application_name: 'fan-lifecycle-worker',
  });
  boss.on('error', (error) => console.error('[queue]', error.message));
  await boss.start();
  return boss;
}
