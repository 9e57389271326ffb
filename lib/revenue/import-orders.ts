import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { IngestRejectedError, ingestBatch } from '../ingest';
import { column, textArray } from '../ingest/sql-arrays';
import { csvRows } from './orders-csv';
import { OrdersCsvError } from './orders-csv-error';
import { columnPositions, type ColumnPositions } from './orders-csv-header';
import { isProblem, orderOfRow, type RowOrder, type RowProblem } from './order-row';
import { UnlinkedOrders } from './unlinked-orders';

// Imports a purchase CSV (DESIGN §5b) through ingest, in two streamed passes: the first
// reads the header and makes sure every row can be told apart (quoting), so a file that
// cannot be read is refused before anything is written; the second checks each row as the
// purchase webhook checks an order and writes the good ones, 2,000 a transaction, reading
// ahead while each is written. A bad row is reported with its line and column and changes
// nothing. Keys are the order id and status, so importing a file again adds nothing, and a
// crash mid-write is resumed by importing the same file again.

const BATCH_ROWS = 2000;

type CustomerState = {
  id: number;
  customer: string;
  linked: boolean;
  created: boolean;
  linked_now: boolean;
};
/** Bad rows listed in a report; the rest are counted. */
export const LISTED_BAD_ROWS = 100;

export interface BadRow extends RowProblem {
  /** The line the row starts on, as in the file (the header is line 1). */
  line: number;
}

export interface OrdersCsvReport {
  /** The file as the person named it. */
  file: string;
  /** Rows after the header (blank lines not counted). */
  rows: number;
  /** What the database gained: a second import of the same file gains nothing. */
  added: {
    /** Paid orders stored. */
    purchases: number;
    /** Refunds stored. */
    refunds: number;
    /** Good rows whose order and status were stored before (by an import or the webhook). */
    alreadyStored: number;
    /** Customers the shop's ids named that were not known. */
    customersCreated: number;
    /** Customers, new or known, that a Telegram id in this file linked to a fan. */
    customersLinked: number;
  };
  /** Good rows naming a person erased by a privacy request: never stored again. */
  erased: number;
  /**
   * The file's good rows whose customer is linked to no fan once the file is imported: the
   * paid orders and refunds, and their revenue (paid less refunded) per currency.
   */
  unlinked: {
    customers: number;
    orders: number;
    refunds: number;
    revenue: { currency: string; amount: string }[];
  };
  /** Rows not imported, with why: the first {@link LISTED_BAD_ROWS} listed. */
  badRows: { count: number; listed: BadRow[] };
}

export interface ImportOrdersOptions {
  /** The file's name in messages and the report (default: its path). */
  name?: string;
  onProgress?: (rows: number) => void;
  /** Rows a transaction (tests make it small to see several batches). */
  batchRows?: number;
}

/** The header's columns, once every row has been found readable; refuses the file otherwise. */
async function firstPass(file: string, name: string) {
  let header: { at: ColumnPositions; width: number } | null = null;
  for await (const row of csvRows(file, name))
    header ??= { at: columnPositions(row.cells, name), width: row.cells.length };
  if (!header) throw new OrdersCsvError(`${name}: not imported: the file is empty (no header)`);
  return header;
}

/**
 * One batch in one transaction, with what ingest does not count itself: the refunds among
 * the purchases it added, and the customers it created or linked (their rows' time is the
 * transaction's, `now()`), with each customer's state after it.
 */
async function writeBatch(db: Database, rows: readonly RowOrder[]) {
  const refundKeys = [...new Set(rows.filter((r) => r.status === 'refunded').map((r) => r.key))];
  const customers = [...new Set(rows.map((r) => r.customer))];
  const storedRefunds = async (tx: Executor) => {
    if (refundKeys.length === 0) return 0;
    const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from purchases
      where source_key = any(${column(textArray(refundKeys), 'text')})`);
    return row!.n;
  };
  return db.transaction(async (tx) => {
    // Ingest's purchases statement is planned for far more rows than a batch has, and
    // compiling it (JIT) took ten times as long as running it.
    await tx.execute(sql`set local jit = off`);
    const refundsBefore = await storedRefunds(tx);
    // A savepoint of this transaction: ingest's own rows and ours commit together.
    const result = await ingestBatch(
      tx,
      rows.map((r) => r.fact),
    );
    const refunds = (await storedRefunds(tx)) - refundsBefore;
    const state = await tx.execute<CustomerState>(sql`
      select id, customer_key as customer, fan_id is not null as linked, created_at = now() as created,
        coalesce(linked_by = 'order' and linked_at = now(), false) as linked_now
      from customers where customer_key = any(${column(textArray(customers), 'text')})`);
    return { result, refunds, state };
  });
}

export async function importOrdersCsv(
  db: Database,
  file: string,
  { name = file, onProgress, batchRows = BATCH_ROWS }: ImportOrdersOptions = {},
): Promise<OrdersCsvReport> {
  const { at, width } = await firstPass(file, name);
  const report: OrdersCsvReport = {
    file: name,
    rows: 0,
    added: { purchases: 0, refunds: 0, alreadyStored: 0, customersCreated: 0, customersLinked: 0 },
    erased: 0,
    unlinked: { customers: 0, orders: 0, refunds: 0, revenue: [] },
    badRows: { count: 0, listed: [] },
  };
  const unlinked = new UnlinkedOrders();

  async function write(rows: RowOrder[]) {
    const { result, refunds, state } = await writeBatch(db, rows);
    report.added.purchases += result.purchases - refunds;
    report.added.refunds += refunds;
    report.added.alreadyStored += result.duplicates;
    report.erased += result.erased;
    const notLinked = new Map<string, number>();
    for (const s of state) {
      if (s.created) report.added.customersCreated++;
      if (s.linked_now) report.added.customersLinked++;
      if (s.linked) unlinked.linked(s.id);
      else notLinked.set(s.customer, s.id);
    }
    for (const row of rows) {
      const id = notLinked.get(row.customer);
      if (id !== undefined) unlinked.add(id, row);
    }
  }

  // The batch being written while the next is read; a failure is thrown at the next wait.
  let writing: Promise<void> = Promise.resolve();
  let batch: RowOrder[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    writing = write(rows);
    writing.catch(() => {});
  };
  try {
    let header = true;
    for await (const { line, cells } of csvRows(file, name)) {
      if (header) {
        header = false;
        continue;
      }
      if (++report.rows % 10_000 === 0) onProgress?.(report.rows);
      const row = orderOfRow(cells, at, width);
      if (isProblem(row)) {
        if (report.badRows.count++ < LISTED_BAD_ROWS) report.badRows.listed.push({ line, ...row });
        continue;
      }
      batch.push(row);
      if (batch.length >= batchRows) await flush();
    }
    if (batch.length > 0) await flush();
    await writing;
  } catch (error) {
    // Every row is checked as ingest will check it, so this is a check the two disagree on:
    // the batches before it are written, and importing the file again resumes.
    if (error instanceof IngestRejectedError)
      throw new OrdersCsvError(`${name}: refused while writing: ${error.message}`);
    throw error;
  } finally {
    // Never left writing behind a failure of the reading.
    await writing.catch(() => {});
  }
  report.unlinked = unlinked.summary();
  return report;
}
