import type { Fact } from '../ingest/facts';
import { initialState, simulateInterval, type SimState } from './simulate';
import { createWorld, DAY_MS, type World, type WorldOptions } from './world';

export interface HistoryOptions extends WorldOptions {
  /** Facts per yielded batch; one batch is one ingest transaction. */
  batchSize?: number;
}

export interface HistoryDay {
  /** The end of the simulated day: every fact of its batches is before it. */
  end: Date;
  batches: Fact[][];
}

export interface History {
  world: World;
  state: SimState;
  /** The same facts day by day, for callers that act at each day's end. */
  days: Generator<HistoryDay>;
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
  function* days(): Generator<HistoryDay> {
    for (let from = world.start; from < world.end; from += DAY_MS) {
      const end = Math.min(from + DAY_MS, world.end);
      const facts = simulateInterval(world, state, from, end);
      const batches: Fact[][] = [];
      for (let i = 0; i < facts.length; i += batchSize) batches.push(facts.slice(i, i + batchSize));
      yield { end: new Date(end), batches };
    }
  }
  function* batches(): Generator<Fact[]> {
    for (const day of days()) yield* day.batches;
  }
  return { world, state, days: days(), batches: batches() };
}
