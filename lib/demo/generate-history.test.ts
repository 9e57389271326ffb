import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../ingest/facts';
import { generateHistory } from './generate-history';

const end = new Date('2026-06-01T00:00:00Z');

function digest(fans: number, seed: number) {
  const hash = createHash('sha256');
  const facts: Fact[] = [];
  for (const batch of generateHistory({ fans, seed, end }).batches) {
    hash.update(JSON.stringify(batch));
    facts.push(...batch);
  }
  return { hash: hash.digest('hex'), facts };
}

describe('generateHistory', () => {
  const run = digest(1500, 11);

  it('gives the same facts for the same seed, and others for another seed', () => {
    expect(digest(1500, 11).hash).toBe(run.hash);
    expect(digest(1500, 12).hash).not.toBe(run.hash);
  });

  it('looks like a real community', () => {
    const events = run.facts.filter((f) => f.kind === 'event');
    const perFan = new Map<number, number>();
    for (const e of events) perFan.set(e.fan, (perFan.get(e.fan) ?? 0) + 1);
    const counts = [...perFan.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    // Heavy tail: the top tenth of engaged fans make most of the noise.
    expect(
      counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0) / total,
    ).toBeGreaterThan(0.5);
    // Many fans never engage at all.
    expect(perFan.size).toBeLessThan(1500 * 0.75);

    const joins = run.facts.filter((f) => f.kind === 'membership' && f.action === 'join');
    const leaves = run.facts.filter((f) => f.kind === 'membership' && f.action === 'leave');
    expect(joins.length).toBeGreaterThan(1500);
    expect(leaves.length).toBeGreaterThan(50);
    const joinDays = new Set(joins.map((f) => (f as { at: Date }).at.toISOString().slice(0, 10)));
    expect(joinDays.size).toBeGreaterThan(100); // spread over the 120 days

    const buyers = new Set(run.facts.flatMap((f) => (f.kind === 'purchase' ? [f.fan] : [])));
    expect(buyers.size).toBeGreaterThan(30);
    expect(buyers.size).toBeLessThan(1500 * 0.2);

    const types = new Set(events.map((e) => e.type));
    for (const t of ['message', 'reply', 'reaction', 'invite', 'poll_vote'])
      expect(types).toContain(t);
    expect(run.facts.some((f) => f.kind === 'post_snapshot')).toBe(true);
    expect(run.facts.every((f) => !('at' in f) || new Date(f.at) < end)).toBe(true);
  });

  it('has a small core that shows up nearly every day', () => {
    const last30 = end.getTime() - 30 * 86_400_000;
    const days = new Map<number, Set<string>>();
    const messages = new Map<number, number>();
    for (const f of run.facts) {
      if (f.kind !== 'event' || f.at.getTime() < last30) continue;
      days.set(f.fan, (days.get(f.fan) ?? new Set()).add(f.at.toISOString().slice(0, 10)));
      if (f.type === 'message' || f.type === 'reply')
        messages.set(f.fan, (messages.get(f.fan) ?? 0) + 1);
    }
    const core = [...days].filter(([fan, d]) => d.size > 20 && (messages.get(fan) ?? 0) > 50);
    expect(core.length).toBeGreaterThan(3);
    expect(core.length).toBeLessThan(1500 * 0.04);
  });
});
