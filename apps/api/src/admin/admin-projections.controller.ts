import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/roles.decorator';
import { GetProjectionsQuery, RebuildProjections, VerifyViews } from './admin.handlers';
import { RebuildProjectionsDto } from './dto/rebuild-projections.dto';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/admin')
@AdminOnly()
export class AdminProjectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('projections')
  @ApiOperation({
    summary:
      'Each projection: state, checkpoint, lag (events and seconds), events/s, rebuild progress, which process runs it, quarantined clients',
  })
  projections() {
    return this.queries.execute(new GetProjectionsQuery());
  }

  @Post('projections/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Rebuild views from zero; the runner catches up in the background (watch GET /v1/admin/projections). ' +
      'With `clients`: rebuild those clients alone from their streams now, lifting their quarantine when they apply',
  })
  rebuild(@Body() body: RebuildProjectionsDto) {
    return this.commands.execute(new RebuildProjections(body.projections, body.clients));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild every view from zero beside the live one and report the rows that differ: { checked, differences }' })
  verify() {
    return this.commands.execute(new VerifyViews());
  }
}
