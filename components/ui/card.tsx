import type { ReactNode } from 'react';

/** One section of a page: a white card with its heading and what it is for. */
export function Card({
  id,
  title,
  description,
  aside,
  testId,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Shown at the heading's right, e.g. when the data was last read. */
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      className="flex min-w-0 scroll-mt-6 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="mt-1 max-w-prose text-sm text-slate-500">{description}</p>}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
