/**
 * Progress, e.g. a backfill's: a filled bar when the total is known, else a striped bar
 * (done so far, total unknown). `percent` is 0–100 or null.
 */
export function ProgressBar({
  percent,
  label,
  valueText,
  testId,
}: {
  percent: number | null;
  label: string;
  valueText: string;
  testId?: string;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
      data-testid={testId}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
    >
      {percent === null ? (
        <div className="h-full w-full bg-[repeating-linear-gradient(-45deg,var(--color-indigo-200)_0_6px,var(--color-indigo-50)_6px_12px)]" />
      ) : (
        <div
          className={`h-full rounded-full transition-[width] duration-700 ${percent >= 100 ? 'bg-emerald-500' : 'bg-indigo-600'}`}
          style={{ width: `${percent}%` }}
        />
      )}
    </div>
  );
}
