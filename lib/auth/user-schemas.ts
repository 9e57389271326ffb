import { z } from 'zod';
import { roles } from '../../db/schema/accounts';
import { checkText, idSchema, nameSchema } from '../api/schemas';
import { maxPasswordLength } from './passwords';

// What a user write accepts, for the routes' bodies and lib/auth/users.ts alike (the CLI
// goes through the latter). Pure.

export const minPasswordLength = 10;
/** RFC 5321's limit on a forward path; longer is never a real address. */
export const maxEmailLength = 254;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(maxEmailLength, `must be at most ${maxEmailLength} characters`)
  .pipe(z.email('must be an email address'));

/** A new password: 10–1000 characters, no control characters (it is typed). */
export const passwordSchema = z
  .string()
  .min(minPasswordLength, `must be at least ${minPasswordLength} characters`)
  .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters`)
  .superRefine((v, ctx) => checkText(v, ctx));

export const roleSchema = z.enum(roles, { error: `must be one of ${roles.join(', ')}` });

export const newUserSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema(100),
  password: passwordSchema,
  role: roleSchema,
});
export type NewUser = z.input<typeof newUserSchema>;

/** One change at a time: a role, or disabled / enabled. */
export const userChangeSchema = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((c) => (c.role === undefined) !== (c.disabled === undefined), {
    message: 'give either role or disabled',
    params: { code: 'one_change' },
  });
export type UserChange = z.output<typeof userChangeSchema>;

export const userIdParams = z.strictObject({ id: idSchema });

/** An admin's reset: the password typed, or none for one generated and shown once. */
export const passwordResetSchema = z.strictObject({ password: passwordSchema.optional() });

/** Your own password: the current one (any string up to the cap) and the new one. */
export const passwordChangeSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'must not be empty').max(maxPasswordLength),
    newPassword: passwordSchema,
  })
  .superRefine((v, ctx) => {
    if (v.currentPassword === v.newPassword)
      ctx.addIssue({
        code: 'custom',
        path: ['newPassword'],
        message: 'must differ from the current password',
        params: { code: 'same_as_current' },
      });
  });
export type PasswordChange = z.output<typeof passwordChangeSchema>;
