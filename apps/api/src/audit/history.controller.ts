import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, DefaultValuePipe, Get, Logger, Param, ParseIntPipe, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { Request, Response } from 'express';
import { DateTime } from 'luxon';
import {
  ExportHistoryQuery,
  GetHistoryQuery,
  type HistoryExport,
  type HistoryPage,
  type HistoryPageRequest,
  VerifyHistoryQuery,
} from './history.queries';

const MAX_PAGE = 1000;
/** A revision is a PostgreSQL bigint: anything larger is not one. */
const MAX_REVISION = 2n ** 63n - 1n;
const ORDERS = ['asc', 'desc'] as const;
const AS_OF_DESCRIPTION = 'ISO instant: the history as known then (events recorded at or before it)';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/history')
export class HistoryController {
  private readonly logger = new Logger('History');

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
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
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

  @Get('export')
  @ApiOperation({
    summary: "The client's whole stream at once, oldest first, as NDJSON: one event per line, shaped as a page's events",
    description:
      'Streamed a chunk of events at a time; the export ends with the event that was newest when it began. Complete ' +
      'only when the transfer is (HTTP framing: the last chunk of a chunked body): a failure after the first line ' +
      'aborts the connection, so a cut export never looks whole. The weak `ETag` names the stream, its newest event ' +
      'and `asOf`; `If-None-Match` with it is `304`. `Cache-Control: private, no-cache`: kept only by the caller, and ' +
      'revalidated.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'One JSON event per line: { position, revision, eventId, type, data, metadata }',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
  async export(
    @Req() request: Request,
    @Res() response: Response,
    @Param('clientId', ParseIdPipe) clientId: string,
    @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime,
  ): Promise<void> {
    // A 404 or a store failure up to here leaves as problem+json: nothing has been sent yet.
    const { entityTag, chunks } = await this.queries.execute<ExportHistoryQuery, HistoryExport>(new ExportHistoryQuery(clientId, asOf));
    response.setHeader('ETag', entityTag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="history-${clientId}.ndjson"`);
    try {
      // One chunk read ahead while the last is written, and none further while the client is slower (backpressure).
      // Not Nest's StreamableFile: on an error after the headers it ends the response, and a cut export would look whole.
      await pipeline(Readable.from(chunks, { highWaterMark: 1 }), response);
    } catch (error) {
      // pipeline has destroyed the response: the connection is cut, and the client sees an incomplete transfer.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE')
        this.logger.warn(`History export of ${clientId}: the client left before the end`);
      else this.logger.error(`History export of ${clientId} cut short: ${error instanceof Error ? error.stack : String(error)}`);
    }
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
