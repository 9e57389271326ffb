import type { Executor } from '../../db/client';
import { writeBatch, type IngestResult } from './ingest-batch';
import { prepareBatch, type PreparedBatch } from './prepare-batch';

/**
 * Ingests batches one after another, each as {@link ingestBatch} would (its own
 * transaction, committed before the next begins), yielding each one's result. Each next
 * batch is taken from `batches`, checked and prepared while the server writes the one
 * before, so the JavaScript and the database work at the same time. A batch that fails is
 * thrown once every batch before it is written.
 */
export async function* ingestBatches(
  db: Executor,
  batches: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
): AsyncGenerator<IngestResult & { facts: number }> {
  const source =
    Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  type Next = { batch: PreparedBatch; facts: number } | { error: unknown } | null;
  const take = async (): Promise<Next> => {
    try {
      const next = await source.next();
      if (next.done) return null;
      return { batch: prepareBatch(next.value), facts: next.value.length };
    } catch (error) {
      return { error };
    }
  };
  try {
    let next = await take();
    while (next) {
      if ('error' in next) throw next.error;
      const current = next;
      let taking: Promise<Next> = Promise.resolve(null);
      const result = await writeBatch(db, current.batch, () => {
        taking = take();
      });
      yield { ...result, facts: current.facts };
      next = await taking;
    }
  } finally {
    await source.return?.();
  }
}
