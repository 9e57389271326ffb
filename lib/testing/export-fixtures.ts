import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real Telegram Desktop exports (shared/fixtures/telegram-export), found beside the
 * checkout or beside any folder above it: a git worktree sits a level deeper than the
 * main checkout.
 */
export function exportFixtures(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'fixtures', 'telegram-export');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`no shared/fixtures/telegram-export above ${from}`);
  }
}
