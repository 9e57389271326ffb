import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  testId,
}: {
  title: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      className="mx-auto mt-8 max-w-lg rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      {children && <div className="mt-2 text-sm text-slate-500">{children}</div>}
    </div>
  );
}
