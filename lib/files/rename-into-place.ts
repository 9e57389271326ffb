import { renameSync } from 'node:fs';

/**
 * Moves a folder built in full beside `target` into place in one step, so no process ever
 * sees half of it. If another process put its copy there first, that one stands.
 */
export function renameIntoPlace(staging: string, target: string): void {
  try {
    renameSync(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}
