import { ExportFormatError } from './errors';

// A 40 KB file of 20,000 nested arrays is valid JSON; building its objects (or even the
// reader's stack of paths) takes memory by the square of the depth. Exports nest a few
// levels, so the text is scanned as it streams by and refused past a cap, before the
// parser sees the deep part.

export const MAX_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Follows nesting over chunks of JSON text; `scan` throws once it passes `max`. */
export class DepthGuard {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Index in the current chunk where the line began (negative: in an earlier chunk). */
  private lineStart = 0;

  constructor(
    private readonly name: string,
    private readonly max = MAX_DEPTH,
  ) {}

  scan(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = i + 1;
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (++this.depth > this.max) {
          const where = `line ${this.line}, column ${i - this.lineStart + 1}`;
          throw new ExportFormatError(
            `${this.name}: nested deeper than ${this.max} levels at ${where}; a Telegram export nests a few`,
            [
              {
                path: 'file',
                code: 'too_deep',
                message: `deeper than ${this.max} at ${where}`,
                maximum: this.max,
              },
            ],
          );
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) this.depth--;
    }
    this.lineStart -= text.length;
  }
}
