import { IngestRejectedError } from './errors';

/** The Telegram chat ids the facts name, each once. */
export function communitiesOf(
  records: { index: number; fact: { community?: number | null } }[],
): number[] {
  return [
    ...new Set(records.flatMap(({ fact }) => (fact.community == null ? [] : [fact.community]))),
  ];
}

/**
 * Refuses facts of communities that are not tracked. Communities are tracked on purpose
 * (created by a community fact or in Settings), so a fact for an unknown one refuses the
 * batch. `ids` maps the Telegram chat ids found to community ids.
 */
export function checkCommunities(
  records: { index: number; fact: { community?: number | null } }[],
  ids: Map<number, number>,
): void {
  const problems = records
    .filter(({ fact }) => fact.community != null && !ids.has(fact.community))
    .map(({ index, fact }) => ({
      index,
      path: 'community',
      message: `unknown community ${fact.community}: add it (a community fact) before its facts`,
    }));
  if (problems.length > 0) throw new IngestRejectedError(problems);
}
