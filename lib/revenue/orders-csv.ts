import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { OrdersCsvError } from './orders-csv-error';

// Reads a CSV file as a stream of rows, each with the line it starts on (the header is
// line 1), so memory holds one row however large the file. Blank lines are skipped. A row
// with too few or too many values is handed on (the import reports it); quoting that
// breaks the rows apart cannot be read past, so it refuses the file.

/** The longest row read: a quote never closed would otherwise read the rest of the file. */
export const MAX_ROW_BYTES = 64 * 1024;

export interface CsvRow {
  /** The line the row starts on (a quoted value may span lines). */
  line: number;
  cells: string[];
}

function brokenQuoting(error: CsvError, line: number, name: string): OrdersCsvError {
  const why: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted value opened in this row is never closed',
    CSV_INVALID_CLOSING_QUOTE:
      'a quoted value is followed by other text before the next comma (write "" for a quote inside a quoted value)',
    INVALID_OPENING_QUOTE:
      'a quote inside an unquoted value (quote the whole value and write "" for the quote)',
    CSV_MAX_RECORD_SIZE: `a row longer than ${MAX_ROW_BYTES / 1024} KB (a quote never closed?)`,
  };
  return new OrdersCsvError(
    `${name}: not imported: line ${line}: ${why[error.code] ?? error.message}; the rows after it cannot be told apart`,
    [{ path: `line ${line}`, code: 'csv_quoting', message: error.code }],
  );
}

const breaks = /\r\n|\r|\n/g;

function lineBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells)
    if (cell.includes('\n') || cell.includes('\r')) n += cell.match(breaks)!.length;
  return n;
}

/** The rows of `file`, header first; errors name it `name` (as the person sent it). */
export async function* csvRows(file: string, name = file): AsyncGenerator<CsvRow> {
  // A row takes its line, and one more for each line break inside its quoted values (the
  // only place one can be). Counted as each row is parsed, not as the stream hands it on
  // (which runs behind), so a refusal names the line of the row being parsed. (csv-parse's
  // own count takes a CRLF inside quotes for two lines.)
  let next = 1;
  const onRecord = (cells: string[]): CsvRow | null => {
    const line = next;
    next += 1 + lineBreaks(cells);
    return cells.length === 1 && cells[0] === '' ? null : { line, cells };
  };
  const parser = parse({
    bom: true,
    relax_column_count: true,
    max_record_size: MAX_ROW_BYTES,
    // Its types have a record come back in the shape it came; any shape is handed on.
    on_record: onRecord as unknown as (cells: string[]) => string[] | null,
  });
  const input = createReadStream(file);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    yield* parser as AsyncIterable<CsvRow>;
  } catch (error) {
    if (error instanceof CsvError) throw brokenQuoting(error, next, name);
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new OrdersCsvError(`${name}: no such file`);
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
