import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import { JobPayloadError } from './job-payload-error';

// A background job declared once: its name, the payload it takes, its queue's policy,
// retry and expiry, its schedule and its handler. Whoever queues it goes through `send`,
// so a payload the handler cannot take is refused before anything is queued.

export interface QueuePolicy {
  /** pg-boss 10's policies: stately keeps one job waiting and one running per key. */
  policy: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit: number;
  /** Seconds before a retry; with backoff, the first of doubling (and jittered) delays. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /**
   * After this long pg-boss fails a running job and may retry it while the first run still
   * goes on (its default is 15 minutes): longer than the longest legitimate run.
   */
  expireInSeconds: number;
}

export interface JobSchedule<Input> {
  cron: string;
  payload: Input;
}

/** What every handler gets besides the context its worker registers it with. */
export interface JobRun {
  boss: PgBoss;
  jobId: string;
}

export interface JobDefinition<S extends z.ZodType, C> {
  name: string;
  payload: S;
  queue: QueuePolicy;
  schedule?: JobSchedule<z.input<S>>;
  /** Jobs with the same key share the policy's limits (e.g. one waiting per community). */
  singletonKey?: (payload: z.output<S>) => string;
  /** Jobs one worker process runs at once (pg-boss 10 runs one per `work` loop). */
  concurrency?: number;
  handler: (payload: z.output<S>, context: C & JobRun) => Promise<void>;
}

export interface SendOptions {
  /** Seconds from now, or a time. */
  startAfter?: number | Date;
}

export interface Job<Input, C> {
  readonly name: string;
  readonly queue: QueuePolicy;
  readonly schedule: JobSchedule<Input> | undefined;
  readonly concurrency: number;
  /** The payload as the handler takes it; throws JobPayloadError naming the bad fields. */
  parse(data: unknown): unknown;
  /** Queues the job; null when the policy already holds one like it. */
  send(boss: PgBoss, payload: Input, options?: SendOptions): Promise<string | null>;
  /** Runs the handler on a payload already parsed by `parse`. */
  run(payload: unknown, context: C & JobRun): Promise<void>;
}

export function defineJob<S extends z.ZodType, C = object>(
  definition: JobDefinition<S, C>,
): Job<z.input<S>, C> {
  const parse = (data: unknown): z.output<S> => {
    const result = definition.payload.safeParse(data);
    if (!result.success) throw new JobPayloadError(definition.name, result.error);
    return result.data;
  };
  return {
    name: definition.name,
    queue: definition.queue,
    schedule: definition.schedule,
    concurrency: definition.concurrency ?? 1,
    parse,
    async send(boss, payload, options = {}) {
      const data = parse(payload);
      return boss.send(definition.name, data as object, {
        ...(options.startAfter !== undefined && { startAfter: options.startAfter }),
        ...(definition.singletonKey && { singletonKey: definition.singletonKey(data) }),
      });
    },
    run: (payload, context) => definition.handler(payload as z.output<S>, context),
  };
}
