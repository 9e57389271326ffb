import type { Database } from '../../db/client';
import type { CsvCell } from '../csv/csv-writer';
import type { GrowthFilters } from '../growth/filters';

export type { CsvCell };

/** Who asks: names and usernames of fans only for a role with fan lookup. */
export interface ChartViewer {
  personal: boolean;
}

/** One chart's server side: its numbers for the filters, and the same numbers as CSV rows. */
export interface ChartDefinition<T> {
  /** Refuses "all communities" (e.g. stage counts per day are kept per community). */
  perCommunity?: boolean;
  query: (db: Database, filters: GrowthFilters, viewer: ChartViewer) => Promise<T>;
  // Method syntax, so any chart fits ChartDefinition<unknown> in the route's registry.
  csv(data: T, viewer: ChartViewer): { columns: string[]; rows: CsvCell[][] };
}

export const defineChart = <T>(chart: ChartDefinition<T>): ChartDefinition<T> => chart;

/** A share rounded for CSV, or null when there is nothing to divide by. */
export const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
