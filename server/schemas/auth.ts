import { z } from 'zod';
import { ROLES } from '../../common/roles';

export const loginBody = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export const sessionUserDto = z.object({
  id: z.number(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  ministry: z.string().nullable(),
});
export type SessionUserDto = z.infer<typeof sessionUserDto>;

export const meResponse = z.object({
  user: sessionUserDto.nullable(),
  /** True while the user holds a one-time password: every other request is refused until it is changed (decision 025). */
  mustChangePassword: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponse>;

/**
 * POST /auth/password. The new password's strength is checked by the service against
 * common/password-rule.ts, so that the 400 names the rule; here only what no rule could accept.
 */
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(4096),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
