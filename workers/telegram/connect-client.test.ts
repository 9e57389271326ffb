import { Api } from 'telegram';
import { RPCError } from 'telegram/errors';
import { describe, expect, it } from 'vitest';
import { checkSession } from './connect-client';
import { AccountStoppedError, SessionInUseError } from './telegram-calls';
import { stubClient } from './testing/stub-client';

const failing = (error: Error) =>
  stubClient(() => {
    throw error;
  });
const getState = new Api.updates.GetState();

describe('checking a stored session before syncing with it', () => {
  it('passes a session Telegram answers', async () => {
    const client = stubClient(
      () => new Api.updates.State({ pts: 1, qts: 0, date: 0, seq: 0, unreadCount: 0 }),
    );
    await expect(checkSession(client)).resolves.toBeUndefined();
  });

  it('stops only on a revoked or expired session', async () => {
    await expect(
      checkSession(failing(new RPCError('AUTH_KEY_UNREGISTERED', getState, 401))),
    ).rejects.toBeInstanceOf(AccountStoppedError);
    await expect(
      checkSession(failing(new RPCError('SESSION_REVOKED', getState, 401))),
    ).rejects.toBeInstanceOf(AccountStoppedError);
  });

  it('takes AUTH_KEY_DUPLICATED as a session in use elsewhere, not a revoked one', async () => {
    const checking = checkSession(failing(new RPCError('AUTH_KEY_DUPLICATED', getState, 406)));
    await expect(checking).rejects.toBeInstanceOf(SessionInUseError);
    await expect(checking).rejects.not.toBeInstanceOf(AccountStoppedError);
  });

  it('lets a dropped connection fail as itself, to be retried', async () => {
    const checking = checkSession(failing(new Error('Connection closed')));
    await expect(checking).rejects.toThrow('Connection closed');
    await expect(checking).rejects.not.toBeInstanceOf(AccountStoppedError);
  });
});
