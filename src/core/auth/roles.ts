import { SetMetadata } from '@nestjs/common';

export const roles = ['VIEWER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof roles)[number];

/** Who made a request: recorded as the actor of every change. */
export interface Principal {
  keyId: string | null;
  name: string;
  role: Role;
}

export const ROLE_KEY = 'followthrough:role';
export const PUBLIC_KEY = 'followthrough:public';

/** The least role a route needs. Without it: VIEWER to read, EDITOR to write. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function hasRole(actual: Role, needed: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(needed);
}
