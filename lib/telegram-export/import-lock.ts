import type { Sql } from '../../db/client';
import { ApiError } from '../api/errors';

// One import at a time per database, whether from the web app or `npm run import`, in any
// process: two imports of overlapping files would only wait on each other's rows, and each
// holds a large upload on disk meanwhile. A session advisory lock on a connection of its
// own is held for the import's whole run (its writes span many transactions) and goes
// with the connection if the process dies.

const LOCK = 'telegram_export.import';

/** Runs `work` holding the import lock; refuses (409 `conflict`) while another import holds it. */
export async function withImportLock<T>(
  sql: Sql,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const connection = await sql.reserve();
  try {
    const [row] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(hashtext(${LOCK})) as locked`;
    if (!row?.locked)
      throw new ApiError({
        code: 'conflict',
        message: `${name}: not imported: an import is running; try again once it has finished`,
      });
    try {
      return await work();
    } finally {
      // It fails only with the session gone, and the lock with it.
      await connection`select pg_advisory_unlock(hashtext(${LOCK}))`.catch(() => {});
    }
  } finally {
    connection.release();
  }
}
