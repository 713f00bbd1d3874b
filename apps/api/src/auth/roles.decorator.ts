import { SetMetadata } from '@nestjs/common';
import { type Role } from '@settle/command-pipeline';

export const ROLES_KEY = 'settle:roles';

/**
 * Roles allowed to call a write route, besides `admin` (who may do everything). Routes without it
 * are reads, open to every role (SPEC 7).
 */
export const AllowedRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that only admins may call (agreement changes, write-offs, operations). */
export const AdminOnly = () => SetMetadata(ROLES_KEY, [] satisfies Role[]);

export const PUBLIC_KEY = 'settle:public';

/** Outside the API proper (health checks): no key required. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
