import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CycleSummary } from '@settle/collections';
import { DateTime } from 'luxon';
import { AdminOnly } from '../auth/roles.decorator';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe } from '../http/pipes';
import { GetClientCollectionsQuery, GetWorklistQuery, RunCollectionsCycle } from './collections.handlers';
import { RunCollectionsDto } from './dto/run-collections.dto';

const MAX_WORKLIST = 1000;

@ApiTags('collections')
@ApiBearerAuth()
@Controller('v1')
export class CollectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('admin/collections/run')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the collections cycle now (or as at asOf): clients examined, new decisions by type, events appended' })
  run(@Body() body: RunCollectionsDto): Promise<CycleSummary> {
    const asOf = body.asOf === undefined ? undefined : DateTime.fromISO(body.asOf, { setZone: true }).toUTC();
    return this.commands.execute(new RunCollectionsCycle(asOf));
  }

  @Get('clients/:clientId/collections')
  @ApiOperation({
    summary: 'The collections case: level, steps taken, next step and when, pause/promise/dispute state, fees and interest charged',
  })
  clientCase(@Param('clientId', ParseIdPipe) clientId: string) {
    return this.queries.execute(new GetClientCollectionsQuery(clientId));
  }

  @Get('collections/worklist')
  @ApiOperation({ summary: "Collectors' actions for today, most urgent first (clients going south at high or critical risk on top)" })
  @ApiQuery({ name: 'limit', required: false, description: `At most this many clients, 1–${MAX_WORKLIST} (default 100)` })
  worklist(@Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100) {
    if (limit < 1 || limit > MAX_WORKLIST)
      throw new InvalidInputException([{ field: 'limit', message: `limit must be between 1 and ${MAX_WORKLIST}` }]);
    return this.queries.execute(new GetWorklistQuery(limit));
  }
}
