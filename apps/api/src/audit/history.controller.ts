import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { Response } from 'express';
import { DateTime } from 'luxon';
import { GetHistoryQuery, type HistoryPage, type HistoryPageRequest, VerifyHistoryQuery } from './history.queries';

const MAX_PAGE = 1000;
/** A revision is a PostgreSQL bigint: anything larger is not one. */
const MAX_REVISION = 2n ** 63n - 1n;
const ORDERS = ['asc', 'desc'] as const;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/history')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "The client's stream, a page at a time, with metadata (actor, role, commandId, correlationId, recordedAt, hash)",
    description:
      'Oldest first by default (`after`, then `next.after`); `order=desc` pages newest first (`before`, then `next.before`), ' +
      'so a timeline shows its latest events without reading the rest. `next` is null on the last page.',
  })
  @ApiQuery({ name: 'order', required: false, enum: ORDERS, description: '`asc` (default): oldest first; `desc`: newest first' })
  @ApiQuery({ name: 'after', required: false, description: 'With `order=asc`: revision already seen; the page starts after it' })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'With `order=desc`: the page holds the events with a lower revision (newest first); omitted: from the latest event',
  })
  @ApiQuery({ name: 'limit', required: false, description: `Page size, 1–${MAX_PAGE} (default 100)` })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the history as known then (events recorded at or before it)' })
  async history(
    // First: the optional parameters after it keep the types the OpenAPI document is derived from.
    @Res({ passthrough: true }) response: Response,
    @Param('clientId', ParseIdPipe) clientId: string,
    @Query('order') order?: string,
    @Query('after') after?: string,
    @Query('before') before?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime,
  ): Promise<string> {
    if (limit < 1 || limit > MAX_PAGE)
      throw new InvalidInputException([{ field: 'limit', message: `limit must be between 1 and ${MAX_PAGE}` }]);
    const page = await this.queries.execute<GetHistoryQuery, HistoryPage>(
      new GetHistoryQuery(clientId, pageRequest(order, after, before), limit, asOf),
    );
    // The page is JSON text already (GetHistoryHandler): sent as it is, typed as the JSON it is, with the
    // handler's entity tag (Express hashes a body only when none is set; a matching If-None-Match is still 304).
    response.type('application/json').setHeader('ETag', page.entityTag);
    return page.json;
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain: { valid, events, firstInvalidRevision? }' })
  verify(@Param('clientId', ParseIdPipe) clientId: string) {
    return this.queries.execute(new VerifyHistoryQuery(clientId));
  }
}

function pageRequest(order: string | undefined, after: string | undefined, before: string | undefined): HistoryPageRequest {
  if (order !== undefined && !(ORDERS as readonly string[]).includes(order))
    throw new InvalidInputException([{ field: 'order', message: 'order must be asc (oldest first) or desc (newest first)' }]);
  if (order === 'desc') {
    if (after !== undefined)
      throw new InvalidInputException([{ field: 'after', message: 'after pages order=asc; use before with order=desc' }]);
    return { order: 'desc', before: revision('before', before) };
  }
  if (before !== undefined)
    throw new InvalidInputException([{ field: 'before', message: 'before pages order=desc; use after with order=asc' }]);
  return { order: 'asc', after: revision('after', after) };
}

function revision(field: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,19}$/.test(value) || BigInt(value) > MAX_REVISION)
    throw new InvalidInputException([{ field, message: `${field} must be a revision (a non-negative integer)` }]);
  return BigInt(value);
}
