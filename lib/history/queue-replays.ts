import type { Executor } from '../../db/client';
/** Queues every fan of a community for a history replay from its first fact. */
export async function queueCommunityReplay(tx: Executor, communityId: number): Promise<number> {
  void tx; void communityId; throw new Error('lead implements this in main');
}
/** Fans still waiting for a history replay, in total and per community. */
export async function replayProgress(db: Executor): Promise<{ queuedFans: number; byCommunity: { communityId: number; queuedFans: number; fans: number }[] }> {
  void db; throw new Error('lead implements this in main');
}
