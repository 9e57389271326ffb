/**
 * How far back the worker re-reads what keeps changing after it is posted: a post's
 * views, forwards, reactions and comments, and who reacted to a group message. Most of a
 * post's views come in its first days; after a week its numbers have about settled.
 */
export const RECENT_MS = 7 * 86_400_000;
