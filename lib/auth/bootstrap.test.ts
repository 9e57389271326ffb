import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { createDemoUsers, demoSignInRefusal, demoUsers } from './bootstrap';
import { findUserIdByEmail } from './user-queries';
import { changeUser, createUser, resetPassword } from './users';

describe('demoSignInRefusal (npm start)', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  const id = async (email: string) => (await findUserIdByEmail(db, email))!;

  it('lets a database without demo accounts start', async () => {
    await createUser(db, {
      email: 'owner@example.com',
      name: 'Owner',
      password: 'a private password',
      role: 'admin',
    });
    expect(await demoSignInRefusal(db)).toBeNull();
  });

  it('refuses while demo sign-ins work, naming them and saying how to fix it', async () => {
    await createDemoUsers(db);
    const message = await demoSignInRefusal(db);
    expect(message).toMatch(/^npm start refuses to run/);
    for (const user of demoUsers) expect(message).toContain(user.email);
    expect(message).toContain('npm run users -- password --email <email>');
    expect(message).toContain('npm run users -- disable --email <email>');
  });

  it('names only those still working once some are fixed, and none once all are', async () => {
    await resetPassword(db, await id('admin@demo.local'), { password: 'not the demo password' });
    await changeUser(db, await id('operator@demo.local'), { disabled: true });
    const message = await demoSignInRefusal(db);
    expect(message).not.toContain('admin@demo.local');
    expect(message).not.toContain('operator@demo.local');
    expect(message).toContain('growth@demo.local, support@demo.local');

    await resetPassword(db, await id('growth@demo.local'), { password: 'not the demo password' });
    await changeUser(db, await id('support@demo.local'), { disabled: true });
    expect(await demoSignInRefusal(db)).toBeNull();
  });
});
