import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { DateTime } from 'luxon';
import { CLIENT_FACING_LEVELS, invalid, LETTER_LANGUAGES } from '@settle/domain';
import { GetClientCollectionsQuery, GetLetterPreviewQuery, GetWorklistQuery } from './collections.handlers';

const MAX_WORKLIST = 1000;

@ApiTags('collections')
@ApiBearerAuth()
@Controller('v1')
export class CollectionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('clients/:clientId/collections')
  @ApiOperation({
    summary: 'The collections case: level, steps taken, next step and when, pause/promise/dispute state, fees and interest charged',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'ISO instant: the case as known then (events recorded up to then), evaluated then',
  })
  clientCase(@Param('clientId', ParseIdPipe) clientId: string, @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime) {
    return this.queries.execute(new GetClientCollectionsQuery(clientId, asOf));
  }

  @Get('clients/:clientId/collections/letter-preview')
  @ApiOperation({
    summary: 'The letter a client-facing step would send now: subject, HTML, plain text, and its figures (SPEC 9)',
  })
  @ApiQuery({ name: 'level', required: false, enum: CLIENT_FACING_LEVELS, description: "Default: the case's next client-facing step" })
  @ApiQuery({ name: 'language', required: false, enum: LETTER_LANGUAGES, description: "Default: the agreement's language" })
  letterPreview(@Param('clientId', ParseIdPipe) clientId: string, @Query('level') level?: string, @Query('language') language?: string) {
    return this.queries.execute(
      new GetLetterPreviewQuery(
        clientId,
        oneOf(level, CLIENT_FACING_LEVELS, 'level', 'invalid_level'),
        oneOf(language, LETTER_LANGUAGES, 'language', 'invalid_language'),
      ),
    );
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

/** A query value from a fixed list, or 400 with a stable code naming the parameter. */
function oneOf<Value extends string>(value: string | undefined, allowed: readonly Value[], field: string, code: string): Value | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(code, `${field} must be one of ${allowed.join(', ')}`, field);
  return value as Value;
}
