import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { roles } from '../db/schema/accounts';
import { UserError } from '../lib/auth/errors';
import { generatePassword } from '../lib/auth/passwords';
import {
  createUser,
  findUserByEmail,
  listUsers,
  minPasswordLength,
  setUserPassword,
  type UserListing,
} from '../lib/auth/users';
import type { Database } from '../db/client';
import { changeUser, SettingsError } from '../lib/settings/users';
import { parseCliArgs, runCli, withDatabase } from './cli';

// npm run users -- add --email <email> --name <name> --role <role> [--password-stdin]
// npm run users -- password --email <email> [--password-stdin]
// npm run users -- disable|enable --email <email>
// npm run users -- list
// Accounts of the dashboard, in DATABASE_URL's database (else the embedded one).

const usage = [
  'usage: npm run users -- add --email <email> --name <name> --role <admin|operator|growth|support> [--password-stdin]',
  '       npm run users -- password --email <email> [--password-stdin]',
  '       npm run users -- disable|enable --email <email>',
  '       npm run users -- list',
  'Without --password-stdin, add and password generate a strong password and print it once.',
].join('\n');

async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    console.error(`Password (at least ${minPasswordLength} characters), then Ctrl-D:`);
  // One line: the trailing newline of `echo` or a file is not part of the password.
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** The user with --email, else a one-line error and exit 2. */
async function userByEmail(db: Database, email: string): Promise<UserListing> {
  const user = await findUserByEmail(db, email);
  if (user) return user;
  console.error(`--email: no user with the email ${email}`);
  process.exit(2);
}

const emailFlag = (args: string[]) =>
  parseCliArgs(
    { email: { type: 'string' } },
    z.object({ email: z.string({ error: 'is required' }) }),
    args,
  ).email;

async function changePassword(args: string[]) {
  const flags = parseCliArgs(
    { email: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
    z.object({ email: z.string({ error: 'is required' }), 'password-stdin': z.boolean() }),
    args,
  );
  const generated = !flags['password-stdin'];
  const password = generated ? generatePassword() : await passwordFromStdin();
  const user = await withDatabase(2, async ({ db }) => {
    const user = await userByEmail(db, flags.email);
    try {
      await setUserPassword(db, user.id, password);
    } catch (error) {
      if (error instanceof UserError && error.code === 'invalid') {
        console.error(`password: ${error.fields.password ?? error.message}`);
        process.exit(2);
      }
      throw error;
    }
    return user;
  });
  console.log(`New password for ${user.email}.`);
  if (generated) console.log(`Password (shown once, keep it safe): ${password}`);
}

async function setDisabled(args: string[], disabled: boolean) {
  const email = emailFlag(args);
  const user = await withDatabase(2, async ({ db }) => {
    const user = await userByEmail(db, email);
    try {
      return await changeUser(db, user.id, { disabled }, { actorUserId: null });
    } catch (error) {
      if (error instanceof SettingsError) {
        console.error(error.message);
        process.exit(2);
      }
      throw error;
    }
  });
  console.log(`${disabled ? 'Disabled' : 'Enabled'} ${user.role} ${user.email}.`);
}

async function add(args: string[]) {
  const flags = parseCliArgs(
    {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
    z.object({
      email: z.string({ error: 'is required' }),
      name: z.string({ error: 'is required' }),
      role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
      'password-stdin': z.boolean(),
    }),
    args,
  );
  const generated = !flags['password-stdin'];
  const password = generated ? generatePassword() : await passwordFromStdin();
  const user = await withDatabase(2, async ({ db }) => {
    try {
      return await createUser(db, { ...flags, password });
    } catch (error) {
      if (error instanceof UserError && error.code === 'invalid') {
        for (const [field, message] of Object.entries(error.fields))
          console.error(`${field === 'password' ? 'password' : `--${field}`}: ${message}`);
        process.exit(2);
      }
      throw error;
    }
  });
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  if (generated) console.log(`Password (shown once, keep it safe): ${password}`);
}

async function list() {
  const users = await withDatabase(1, ({ db }) => listUsers(db));
  if (users.length === 0) return console.log('No users yet.');
  const rows = users.map((u) => [
    String(u.id),
    u.email,
    u.name,
    u.role,
    u.disabled ? 'disabled' : 'active',
    u.createdAt.toISOString().slice(0, 16).replace('T', ' '),
  ]);
  const header = ['id', 'email', 'name', 'role', 'status', 'created (UTC)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'add') return add(args);
  if (command === 'password') return changePassword(args);
  if (command === 'disable' || command === 'enable')
    return setDisabled(args, command === 'disable');
  if (command === 'list' && args.length === 0) return list();
  console.error(usage);
  process.exit(2);
}

runCli(main);
