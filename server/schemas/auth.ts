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

export const meResponse = z.object({ user: sessionUserDto.nullable() });
export type MeResponse = z.infer<typeof meResponse>;
