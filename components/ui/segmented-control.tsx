'use client';

interface Option<T extends string | number> {
  value: T;
  label: string;
}

/** A small group of toggle buttons; exactly one is pressed. */
export function SegmentedControl<T extends string | number>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: Option<T>[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      data-testid={testId}
      className="inline-flex rounded-lg border border-slate-200 bg-slate-100 p-0.5"
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
          className="rounded-md px-2 py-1 text-sm sm:px-2.5 whitespace-nowrap text-slate-600 transition hover:text-slate-900 aria-pressed:bg-white aria-pressed:font-medium aria-pressed:text-slate-900 aria-pressed:shadow-sm"
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
