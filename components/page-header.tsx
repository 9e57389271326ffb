/** A page's title and what the page is for, above its content. */
export function PageHeader({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-500">{subtitle}</p>
    </div>
  );
}
