import type { Fact } from '../ingest/facts';
import { initialState, simulateInterval, type SimState } from './simulate';
import { createWorld, DAY_MS, type World, type WorldOptions } from './world';

export interface HistoryOptions extends WorldOptions {
  /** Facts per yielded batch; one batch is one ingest transaction. */
  batchSize?: number;
}

export interface History {
  world: World;
  state: SimState;
  batches: Generator<Fact[]>;
}

/**
 * The demo community's whole history, day by day, in batches. `state` is final once the
 * batches are drained, so a live source can carry on from where the history ends.
 */
export function generateHistory(options: HistoryOptions): History {
  const world = createWorld(options);
  const state = initialState();
  const batchSize = options.batchSize ?? 5000;
  function* batches(): Generator<Fact[]> {
    for (let from = world.start; from < world.end; from += DAY_MS) {
      const facts = simulateInterval(world, state, from, Math.min(from + DAY_MS, world.end));
      for (let i = 0; i < facts.length; i += batchSize) yield facts.slice(i, i + batchSize);
    }
  }
  return { world, state, batches: batches() };
}
