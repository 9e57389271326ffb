import type { FieldIssue } from '../api/errors';

// Why linking a shop customer to a fan was refused (app/api/fans/[id]/customers), read from
// the server's code and field issues, so the fan page says it in the reader's language. Pure.

export type LinkProblem =
  /** No customer id was typed. */
  | { kind: 'required' }
  | { kind: 'too_long'; maximum: number }
  /** No order names this customer id. */
  | { kind: 'unknown_customer' }
  /** The customer is another fan's; `fanId` when the server named it. */
  | { kind: 'linked_elsewhere'; fanId: number | null }
  /** The fan itself is gone (erased, or never was). */
  | { kind: 'fan_gone' };

/** The problem for a refusal with this code and these field issues; null for another code. */
export function linkProblemOf(error: {
  code: string;
  message: string;
  fields: FieldIssue[];
}): LinkProblem | null {
  const issue = error.fields.find((f) => f.path === 'customerId' || f.path.endsWith('.customerId'));
  switch (error.code) {
    case 'invalid':
      if (issue?.code === 'too_big') return { kind: 'too_long', maximum: Number(issue.maximum) };
      return issue ? { kind: 'required' } : null;
    case 'not_found':
      return issue ? { kind: 'unknown_customer' } : { kind: 'fan_gone' };
    case 'already_linked': {
      // The field issue names the other fan; the code is enough when it does not.
      const other = issue?.values?.[0];
      return { kind: 'linked_elsewhere', fanId: typeof other === 'number' ? other : null };
    }
    default:
      return null;
  }
}
