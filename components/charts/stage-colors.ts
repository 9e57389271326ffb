import { stages, type Stage } from '@/lib/lifecycle/stage-names';

/** One colour per stage, the same on every chart. */
export const stageColors: Record<Stage, string> = {
  new: '#38bdf8',
  active: '#10b981',
  core: '#6366f1',
  high_value: '#f59e0b',
  at_risk: '#f97316',
  churned: '#94a3b8',
};

/** The stages in the order charts list them (the database enum's own list). */
export const stageOrder = stages;
