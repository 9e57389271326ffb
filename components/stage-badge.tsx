import { stageColors } from '@/components/charts/stage-colors';
import type { Stage } from '@/db/schema';

const variants = {
  /** A pill with a ring, for a fan's stage on its own (fan pages, timeline). */
  pill: 'inline-flex items-center gap-1.5 rounded-full bg-slate-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-200',
  /** The dot and the name only, for tables and lists (overview moves, segments, rules preview). */
  plain: 'inline-flex items-center gap-1.5 whitespace-nowrap',
};

/** A stage as its chart colour's dot and its localized name; the dot is hidden from screen readers. */
export function StageBadge({
  stage,
  label,
  variant = 'pill',
}: {
  stage: Stage;
  label: string;
  variant?: keyof typeof variants;
}) {
  return (
    <span data-stage={stage} className={variants[variant]}>
      <span
        aria-hidden
        className="size-2 shrink-0 rounded-full"
        style={{ backgroundColor: stageColors[stage] }}
      />
      {label}
    </span>
  );
}
