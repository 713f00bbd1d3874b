import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandContext } from '@settle/command-pipeline';
import { type AuthenticatedRequest } from '../auth/api-key.guard';

/** Who is acting, for event metadata: the API key's name (never its secret) and role, and the request id. */
export const RequestContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
  return { actor: request.apiKey.name, role: request.apiKey.role, source: 'api', correlationId: String(request.id) };
});
