import type { ReactNode } from 'react';

export interface Column<R> {
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  align?: 'left' | 'right';
}

/** Rows as a plain table (a chart's numbers, a list of users…): the first column labels each row. */
export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
}) {
  return (
    <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
      <table className="w-full text-sm whitespace-nowrap tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.key}
                scope="col"
                className={`px-2 py-2 font-medium sm:px-3 ${(c.align ?? (i === 0 ? 'left' : 'right')) === 'left' ? 'text-left' : 'text-right'}`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((c, i) => {
                const align = (c.align ?? (i === 0 ? 'left' : 'right')) === 'left';
                return i === 0 ? (
                  <th
                    key={c.key}
                    scope="row"
                    className={`px-2 py-1.5 font-normal sm:px-3 ${align ? 'text-left' : 'text-right'}`}
                  >
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    className={`px-2 py-1.5 sm:px-3 ${align ? 'text-left' : 'text-right'}`}
                  >
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
