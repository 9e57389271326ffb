import type { ReactNode } from 'react';

/** A white card of the Rules page, like the chart panels: a title, help, then the body. */
export function RulesCard({
  title,
  description,
  aside,
  testId,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** Beside the title: a version badge, a button. */
  aside?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <section
      data-testid={testId}
      className="flex min-w-0 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold">{title}</h2>
          {description && (
            <div className="mt-1 max-w-prose text-sm text-slate-500">{description}</div>
          )}
        </div>
        {aside && <div className="flex shrink-0 flex-wrap items-center gap-2">{aside}</div>}
      </div>
      {children}
    </section>
  );
}

export const buttonClass = {
  primary:
    'rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50',
  secondary:
    'rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50',
  danger:
    'rounded-lg border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50',
  dangerSolid:
    'rounded-lg bg-red-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:cursor-not-allowed disabled:opacity-50',
};

/** "v3" as a small badge. */
export function VersionBadge({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className="rounded-md bg-indigo-50 px-2 py-0.5 font-mono text-sm font-semibold text-indigo-700 ring-1 ring-indigo-100"
    >
      {children}
    </span>
  );
}

/** A message about the last change, shown above the draft: done, or why it was refused. */
export interface Notice {
  tone: 'success' | 'error';
  text: string;
}
