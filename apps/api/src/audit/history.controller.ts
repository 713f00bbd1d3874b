import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { DateTime } from 'luxon';
import { GetHistoryQuery, VerifyHistoryQuery } from './history.queries';

const MAX_PAGE = 1000;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/history')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "The client's full stream in order, with metadata (actor, role, commandId, correlationId, recordedAt, hash)" })
  @ApiQuery({ name: 'after', required: false, description: 'Revision already seen; the page starts after it' })
  @ApiQuery({ name: 'limit', required: false, description: `Page size, 1–${MAX_PAGE} (default 100)` })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the history as known then (events recorded at or before it)' })
  history(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Query('after') after?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime,
  ) {
    if (after !== undefined && !/^\d{1,19}$/.test(after))
      throw new InvalidInputException([{ field: 'after', message: 'after must be a revision (a non-negative integer)' }]);
    if (limit < 1 || limit > MAX_PAGE)
      throw new InvalidInputException([{ field: 'limit', message: `limit must be between 1 and ${MAX_PAGE}` }]);
    return this.queries.execute(new GetHistoryQuery(clientId, after === undefined ? undefined : BigInt(after), limit, asOf));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain: { valid, events, firstInvalidRevision? }' })
  verify(@Param('clientId', ParseIdPipe) clientId: string) {
    return this.queries.execute(new VerifyHistoryQuery(clientId));
  }
}
