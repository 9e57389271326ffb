import { stageColors } from '@/components/charts/stage-colors';
import type { Stage } from '@/db/schema';

/** A stage as a pill with its chart colour. */
export function StageBadge({ stage, label }: { stage: Stage; label: string }) {
  return (
    <span
      data-stage={stage}
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-200"
    >
      <span
        aria-hidden
        className="size-2 rounded-full"
        style={{ backgroundColor: stageColors[stage] }}
      />
      {label}
    </span>
  );
}
