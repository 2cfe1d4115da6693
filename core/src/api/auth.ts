/** Sign-in, the signed-in user, passwords and API tokens. */
import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../vocab/organisations.js';
import { Uuid } from './common.js';

export const LANGUAGES = ['en', 'fr', 'ht'] as const;
export type Language = (typeof LANGUAGES)[number];

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Must be an e-mail address' }))
  .pipe(z.string().max(254));

/** Long enough to resist guessing, short enough that hashing it stays cheap. */
export const NewPassword = z
  .string()
  .min(10, { message: 'A password needs at least 10 characters' })
  .max(256, { message: 'A password can have at most 256 characters' });

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OrganisationSchema = z.object({
  id: Uuid,
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  country: z.string().nullable(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const Me = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  language: z.enum(LANGUAGES).nullable(),
  organisation: OrganisationSchema,
  /** What this user may do, so the web app can offer only those actions. */
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({
  user: Me,
  /** A bearer token for scripts; the web app uses the session cookie set alongside it. */
  token: z.string(),
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});

export const CreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const ApiTokenSchema = z.object({
  id: Uuid,
  name: z.string(),
  userId: Uuid,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const TokenCreated = ApiTokenSchema.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
});
export type TokenCreated = z.infer<typeof TokenCreated>;

export const UserSchema = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: Uuid,
  language: z.enum(LANGUAGES).nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserRequest = z.strictObject({
  id: Uuid.optional(),
  email: Email,
  name: z.string().trim().min(1).max(200),
  orgId: Uuid,
  role: z.enum(ROLES),
  password: NewPassword,
  language: z.enum(LANGUAGES).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreateOrganisationRequest = z.strictObject({
  id: Uuid.optional(),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORG_KINDS),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 3166 alpha-3 country code such as JAM' })
    .optional(),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;
