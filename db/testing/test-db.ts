import { afterAll, inject } from 'vitest';
import { createDb, type DbHandle } from '../client';
import { createDatabaseFromTemplate } from './test-server';

/** A migrated database of this test file's own, closed when the file's tests are done. */
export async function useTestDb(): Promise<DbHandle & { url: string }> {
  const { url } = await createDatabaseFromTemplate(inject('testServer'));
  const handle = createDb({ url, max: 4 });
  afterAll(() => handle.close());
  return { ...handle, url };
}
