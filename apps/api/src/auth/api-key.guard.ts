import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@settle/command-pipeline';
import { Request } from 'express';
import { ApiKey, findApiKey } from './api-keys';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export const API_KEYS = Symbol('API_KEYS');

export interface AuthenticatedRequest extends Request {
  apiKey: ApiKey;
}

/** `Authorization: Bearer <secret>` on every /v1 route; roles from the route's metadata. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(API_KEYS) private readonly keys: ApiKey[],
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('An API key is required: Authorization: Bearer <secret>');
    const key = findApiKey(this.keys, match[1]);
    if (!key) throw new UnauthorizedException('Unknown API key');
    request.apiKey = key;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed === undefined || key.role === 'admin' || allowed.includes(key.role)) return true;
    throw new ForbiddenException(`Role ${key.role} may not do this; allowed: ${['admin', ...allowed].join(', ')}`);
  }
}
