'use client';

import type { ParamChange } from '@/lib/rules/fields';
import { useRuleFormat } from './use-rule-format';

/** "At-risk silence: 15 days → 10 days" for each changed parameter. */
export function ChangeList({ changes, testId }: { changes: ParamChange[]; testId?: string }) {
  const f = useRuleFormat();
  return (
    <ul data-testid={testId} className="flex flex-wrap gap-1.5">
      {changes.map((c) => (
        <li
          key={c.param}
          data-param={c.param}
          title={c.param}
          className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200"
        >
          <span className="font-medium">{f.label(c.param)}</span>:{' '}
          <span className="tabular-nums">
            {f.value(c.param, c.from)} → {f.value(c.param, c.to)}
          </span>
        </li>
      ))}
    </ul>
  );
}
