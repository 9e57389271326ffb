import { IngestRejectedError, type IngestProblem } from './errors';
import { fact, type Fact } from './facts';

/** Parses every record; any invalid one rejects the whole batch with all reasons. */
export function validateBatch(records: readonly unknown[]): Fact[] {
  const problems: IngestProblem[] = [];
  const facts: Fact[] = [];
  records.forEach((record, index) => {
    const parsed = fact.safeParse(record);
    if (parsed.success) facts.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ index, path: issue.path.join('.'), message: issue.message });
  });
  if (problems.length > 0) throw new IngestRejectedError(problems);
  return facts;
}
