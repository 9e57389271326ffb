import { describe, expect, it } from 'vitest';
import { linkProblemOf } from './customer-link-problem';

describe('why a customer link was refused', () => {
  it('reads an empty or a too long customer id from the field issue', () => {
    expect(
      linkProblemOf({
        code: 'invalid',
        message: 'Invalid request',
        fields: [{ path: 'body.customerId', code: 'too_small', message: '', minimum: 1 }],
      }),
    ).toEqual({ kind: 'required' });
    expect(
      linkProblemOf({
        code: 'invalid',
        message: 'Invalid request',
        fields: [{ path: 'body.customerId', code: 'invalid_type', message: '' }],
      }),
    ).toEqual({ kind: 'required' });
    expect(
      linkProblemOf({
        code: 'invalid',
        message: 'Invalid request',
        fields: [{ path: 'body.customerId', code: 'too_big', message: '', maximum: 128 }],
      }),
    ).toEqual({ kind: 'too_long', maximum: 128 });
  });

  it('tells an unknown customer from a fan that is gone', () => {
    expect(
      linkProblemOf({
        code: 'not_found',
        message: 'No customer "C-9": no order names it',
        fields: [
          { path: 'customerId', code: 'not_found', message: 'no order names this customer' },
        ],
      }),
    ).toEqual({ kind: 'unknown_customer' });
    expect(linkProblemOf({ code: 'not_found', message: 'No fan #4', fields: [] })).toEqual({
      kind: 'fan_gone',
    });
  });

  it('names the other fan of a customer linked elsewhere when the server does', () => {
    expect(
      linkProblemOf({
        code: 'already_linked',
        message: 'Customer "fan #7" is linked to fan #12: unlink it there first',
        fields: [
          { path: 'customerId', code: 'already_linked', message: 'is linked', values: [12] },
        ],
      }),
    ).toEqual({ kind: 'linked_elsewhere', fanId: 12 });
    expect(linkProblemOf({ code: 'already_linked', message: 'linked', fields: [] })).toEqual({
      kind: 'linked_elsewhere',
      fanId: null,
    });
  });

  it('leaves other refusals to the general wording', () => {
    expect(linkProblemOf({ code: 'forbidden', message: 'no', fields: [] })).toBeNull();
    expect(linkProblemOf({ code: 'invalid', message: 'bad', fields: [] })).toBeNull();
  });
});
