import type { Database } from '../../db/client';
import type { JobRun } from './define-job';

/** What the worker process hands every job's handler. */
export interface WorkerContext {
  db: Database;
}

export type WorkerRun = WorkerContext & JobRun;
