import type { Stage } from '@/db/schema';

/** One colour per stage, the same on every chart. */
export const stageColors: Record<Stage, string> = {
  new: '#38bdf8',
  active: '#10b981',
  core: '#6366f1',
  high_value: '#f59e0b',
  at_risk: '#f97316',
  churned: '#94a3b8',
};

/** The stages in the order charts list them (db/schema's list, without its server imports). */
export const stageOrder = [
  'new',
  'active',
  'core',
  'high_value',
  'at_risk',
  'churned',
] as const satisfies readonly Stage[];
