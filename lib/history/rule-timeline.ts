import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

export interface RuleVersion {
  version: number;
  /** When it was published (ms); the first version rules from the beginning of time. */
  from: number;
  params: Record<string, number>;
}

/**
 * The rules in force at each instant: each published version from its publish on, the
 * earliest one also before it (facts older than the product get the first rules anyone set).
 */
export class RuleTimeline {
  private readonly starts: number[];

  constructor(readonly versions: readonly RuleVersion[]) {
    if (versions.length === 0) throw new Error('No rule set was ever published');
    this.starts = versions.map((v) => v.from);
  }

  at(t: number): RuleVersion {
    let i = this.versions.length - 1;
    while (i > 0 && this.starts[i]! > t) i--;
    return this.versions[i]!;
  }

  /** The next publish after `t` that changes the rules in force, or null. */
  nextAfter(t: number): number | null {
    for (let i = 1; i < this.starts.length; i++) if (this.starts[i]! > t) return this.starts[i]!;
    return null;
  }

  /** The longest core window any version counts, in days. */
  get longestCoreWindowDays(): number {
    return Math.max(...this.versions.map((v) => v.params.core_window_days!));
  }

  /** The first windows the versions have, in days, shortest first. */
  get newWindowDays(): number[] {
    return [...new Set(this.versions.map((v) => v.params.new_window_days!))].sort((a, b) => a - b);
  }

  /** The longest first window any version has, in days. */
  get longestNewWindowDays(): number {
    return Math.max(...this.versions.map((v) => v.params.new_window_days!));
  }
}

/** Every version ever published, in publish order. */
export async function loadRuleTimeline(db: Executor): Promise<RuleTimeline> {
  const rows = await db.execute<{
    version: number;
    from_ms: string;
    params: Record<string, number>;
  }>(sql`
    select version, (extract(epoch from published_at) * 1000)::text as from_ms, params
    from rule_sets where published_at is not null
    order by published_at, version`);
  return new RuleTimeline(
    rows.map((r) => ({ version: r.version, from: Number(r.from_ms), params: r.params })),
  );
}
