import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CyclePreview, CycleSummary } from '@settle/collections';
import { DateTime } from 'luxon';
import { AdminOnly } from '../auth/roles.decorator';
import { RunCollectionsCycle } from './admin.handlers';
import { RunCollectionsDto } from './dto/run-collections.dto';

@ApiTags('collections')
@ApiBearerAuth()
@Controller('v1/admin/collections')
@AdminOnly()
export class AdminCollectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Run the collections cycle now (or as at asOf): clients examined, new decisions by type, events appended. ' +
      'With dryRun: per client, the commands and events (messages included) the run would record; nothing is recorded.',
  })
  run(@Body() body: RunCollectionsDto): Promise<CycleSummary | CyclePreview> {
    const asOf = body.asOf === undefined ? undefined : DateTime.fromISO(body.asOf, { setZone: true }).toUTC();
    return this.commands.execute(new RunCollectionsCycle(asOf, body.dryRun ?? false));
  }
}
