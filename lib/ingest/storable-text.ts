// Postgres text cannot hold a NUL, and its JSON cannot hold a UTF-16 surrogate without
// its pair: jsonb refuses "\u0000" and a lone "\ud800" outright, and a text parameter turns
// a lone surrogate into U+FFFD on the way (Node's UTF-8 encoder) without saying so.

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');
const unstorable = new RegExp(`\\u0000|${loneSurrogate.source}`);

/** Any NUL or surrogate at all: cheap, and false for nearly all text (emoji aside). */
const suspect = /[\u0000\ud800-\udfff]/;

/** True when Postgres stores `text` exactly as it is. */
export function isStorable(text: string): boolean {
  return !suspect.test(text) || !unstorable.test(text);
}

/** `text` as Postgres can store it: lone surrogates become U+FFFD, NUL characters go. */
export function storableText(text: string): string {
  // Surrogates first, so removing a NUL never pairs up two halves that were apart.
  return text.replace(loneSurrogates, '\ufffd').replaceAll('\u0000', '');
}
