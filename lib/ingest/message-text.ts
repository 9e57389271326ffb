// What a fan wrote is kept up to Telegram's own limit for one message's text, 4,096
// characters (a caption has less): so no real message is ever cut, and a hand-edited
// export cannot put more than about 16 KB (4,096 four-byte characters) into one row.
// Characters are code points, as Postgres's char_length counts them (event_texts' check),
// so a cut never splits an emoji's surrogate pair into text Postgres cannot store.

export const messageTextMax = 4096;

/** `text` cut to {@link messageTextMax} code points; empty text is no text (null). */
export function cappedMessageText(text: string | null | undefined): string | null {
  if (!text) return null;
  // Code points never outnumber UTF-16 units, so a text this short is within the cap.
  if (text.length <= messageTextMax) return text;
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    const high = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;
    const low = text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (high && low) i++;
    if (++points === messageTextMax) return text.slice(0, i + 1);
  }
  return text;
}
