import { z } from 'zod';
import { ROLES, isBoundToMinistry } from '../../common/roles';

// The admin's user management API (docs/product.md §4): request parameters and response shapes.

/** Neither user route takes query parameters; an unknown one is a 400 like everywhere else. */
export const noQuery = z.strictObject({});

/** `:id` of /users/:id/…: a positive whole number written plainly (no sign, exponent or padding tricks). */
export const userIdParam = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a user id (a positive whole number)')
    .transform(Number),
});

export const userListItem = z.object({
  id: z.number(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  ministry: z.string().nullable(),
  createdAt: z.string(),
  disabled: z.boolean(),
  /** Sessions that would let their holder in now: not revoked, expired or idle too long. */
  activeSessions: z.number(),
  /** The last successful sign-in (ISO instant); null before the first. */
  lastSignInAt: z.string().nullable(),
  /** Still holds the one-time password an administrator set (decision 025). */
  mustChangePassword: z.boolean(),
});
export type UserListItem = z.infer<typeof userListItem>;

export const userListResponse = z.object({ items: z.array(userListItem) });
export type UserListResponse = z.infer<typeof userListResponse>;

export const revokeSessionsResponse = z.object({ revoked: z.number() });
export type RevokeSessionsResponse = z.infer<typeof revokeSessionsResponse>;

const emailField = z.string().trim().toLowerCase().pipe(z.email().max(254));
const displayNameField = z.string().trim().min(1).max(100);
/** A ministry code as GET /meta lists them (checked against the ministries by the service). */
const ministryField = z.string().trim().toLowerCase().min(1).max(50);

/**
 * POST /users: the rules of `npm run user:create` (server/cli/user-create-options.ts): a ministry for
 * a ministry lead and for no other role. The password is the server's to make (a one-time password).
 */
export const createUserBody = z
  .strictObject({
    email: emailField,
    displayName: displayNameField,
    role: z.enum(ROLES),
    ministry: ministryField.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const ministry = body.ministry ?? null;
    if (isBoundToMinistry(body.role) && ministry === null)
      ctx.addIssue({ code: 'custom', path: ['ministry'], message: 'is required for a ministry_lead' });
    if (!isBoundToMinistry(body.role) && ministry !== null)
      ctx.addIssue({ code: 'custom', path: ['ministry'], message: `applies only to a ministry_lead, not to ${body.role}` });
  });
export type CreateUserBody = z.infer<typeof createUserBody>;

export const createUserResponse = z.object({
  user: userListItem,
  /** Shown once: the server keeps only its hash and the user must change it at first sign-in. */
  oneTimePassword: z.string(),
});
export type CreateUserResponse = z.infer<typeof createUserResponse>;

/** PATCH /users/:id: any of these, at least one; whether the combination holds is the service's to say. */
export const updateUserBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    ministry: ministryField.nullable().optional(),
    disabled: z.boolean().optional(),
    displayName: displayNameField.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of role, ministry, disabled, displayName',
  });
export type UpdateUserBody = z.infer<typeof updateUserBody>;
