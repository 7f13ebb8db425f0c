import { z } from 'zod';
import { ROLES } from '../../common/roles';

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
});
export type UserListItem = z.infer<typeof userListItem>;

export const userListResponse = z.object({ items: z.array(userListItem) });
export type UserListResponse = z.infer<typeof userListResponse>;

export const revokeSessionsResponse = z.object({ revoked: z.number() });
export type RevokeSessionsResponse = z.infer<typeof revokeSessionsResponse>;
