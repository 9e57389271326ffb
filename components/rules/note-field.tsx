'use client';

import type { FieldIssue } from '@/lib/api/errors';
import { FieldError } from './field-error';

/** The note a publish or rollback needs, with the server's refusal of it below. */
export function NoteField({
  label,
  value,
  onChange,
  testId,
  issue,
  multiline = false,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  issue: FieldIssue | undefined;
  multiline?: boolean;
  placeholder?: string;
}) {
  const errorId = `${testId}-error`;
  const control = {
    value,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    maxLength: 500,
    required: true,
    placeholder,
    'data-testid': testId,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': issue ? errorId : undefined,
    className: `w-full max-w-xl rounded-lg border bg-white px-2.5 py-1.5 text-sm shadow-xs outline-none focus:ring-2 ${
      issue
        ? 'border-red-400 focus:ring-red-200'
        : 'border-slate-300 focus:border-indigo-400 focus:ring-indigo-200'
    }`,
  };
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      {multiline ? <textarea rows={2} {...control} /> : <input {...control} />}
      {issue && <FieldError id={errorId} testId={errorId} issue={issue} kind="note" />}
    </label>
  );
}
