import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@settle/command-pipeline';
import { CLOCK } from '@settle/runtime';
import { type AuthenticatedRequest } from './api-key.guard';

/**
 * Who the presented key is, and the service's clock: the web app shows each role only what it may do,
 * and dates what it records by the service's time (which `NOW` may fix), not the browser's.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: "The calling key's name and role (never its secret), and the service's current time" })
  me(@Req() request: AuthenticatedRequest) {
    return { name: request.apiKey.name, role: request.apiKey.role, now: this.clock.now().toUTC().toISO() };
  }
}
