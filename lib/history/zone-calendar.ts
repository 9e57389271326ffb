import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

const DAY_MS = 86_400_000;

/** Calendar days of one time zone: days since 1970-01-01 and the instant each begins. */
export interface ZoneCalendar {
  dayOf(ms: number): number;
  midnight(day: number): number;
}

const utc: ZoneCalendar = {
  dayOf: (ms) => Math.floor(ms / DAY_MS),
  midnight: (day) => day * DAY_MS,
};

/**
 * A zone's midnights as Postgres computes them (`day::timestamp at time zone zone`), so the
 * replay cuts days exactly where the SQL does, over the days from `firstDay` to `lastDay`.
 */
class TabulatedZone implements ZoneCalendar {
  constructor(
    private readonly zone: string,
    private readonly firstDay: number,
    private readonly midnights: number[],
  ) {}

  midnight(day: number): number {
    const at = this.midnights[day - this.firstDay];
    if (at === undefined) throw new Error(`Day ${day} is outside the calendar of ${this.zone}`);
    return at;
  }

  dayOf(ms: number): number {
    let lo = 0;
    let hi = this.midnights.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.midnights[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || lo === this.midnights.length)
      throw new Error(`${new Date(ms).toISOString()} is outside the calendar of ${this.zone}`);
    return this.firstDay + lo - 1;
  }
}

/** Every community's calendar, for the days from `from` to `to` (ms). */
export class ZoneCalendars {
  constructor(private readonly byCommunity: Map<number, ZoneCalendar>) {}

  of(community: number): ZoneCalendar {
    const calendar = this.byCommunity.get(community);
    if (!calendar) throw new Error(`Community ${community} has no calendar`);
    return calendar;
  }
}

export async function loadZoneCalendars(
  db: Executor,
  { from, to }: { from: number; to: number },
): Promise<ZoneCalendars> {
  const communities = await db.execute<{ id: number; time_zone: string }>(
    sql`select id, time_zone from communities`,
  );
  const firstDay = Math.floor(from / DAY_MS) - 2;
  const lastDay = Math.ceil(to / DAY_MS) + 2;
  const zones = new Map<string, ZoneCalendar>([['UTC', utc]]);
  for (const zone of new Set(communities.map((c) => c.time_zone))) {
    if (zones.has(zone)) continue;
    const rows = await db.execute<{ at: string }>(sql`
      select (extract(epoch from (date '1970-01-01' + d)::timestamp at time zone ${zone}) * 1000)::text as at
      from generate_series(${firstDay}::int, ${lastDay}::int) d order by d`);
    zones.set(
      zone,
      new TabulatedZone(
        zone,
        firstDay,
        rows.map((r) => Number(r.at)),
      ),
    );
  }
  return new ZoneCalendars(
    new Map(communities.map((c) => [Number(c.id), zones.get(c.time_zone)!])),
  );
}
