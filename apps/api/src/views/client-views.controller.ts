import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PortfolioSortKey } from '@settle/projections';
import { DateTime } from 'luxon';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { PortfolioQueryDto } from './dto/portfolio-query.dto';
import { validQuery } from './query-validation.pipe';
import { GetPaymentBehaviourQuery, GetSolvencyQuery, ListClientsQuery } from './views.queries';

const AS_OF = { name: 'asOf', required: false, description: 'ISO instant: rebuilt from the events recorded up to then and evaluated then' };

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/clients')
export class ClientViewsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Portfolio: every client with its headline figures (balance, overdue, risk, trend), filtered, sorted and paged',
  })
  list(@Query(validQuery()) query: PortfolioQueryDto) {
    const [descending, key] = query.sort?.startsWith('-') ? [true, query.sort.slice(1)] : [false, query.sort];
    // The DTO admits only the sort keys of PORTFOLIO_SORT_KEYS.
    return this.queries.execute(
      new ListClientsQuery({
        riskLevels: query.riskLevel,
        trends: query.trend,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
        currency: query.currency,
        sort: key === undefined ? undefined : { key: key as PortfolioSortKey, descending },
        limit: query.limit ?? 100,
        offset: query.offset ?? 0,
      }),
    );
  }

  @Get(':clientId/payment-behavior')
  @ApiOperation({ summary: 'Payment behaviour (SPEC 4.2): on-time rate, days to pay, PAYDEX, aging, DSO, trend, promises, engagement' })
  @ApiQuery(AS_OF)
  paymentBehaviour(@Param('clientId', ParseIdPipe) clientId: string, @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime) {
    return this.queries.execute(new GetPaymentBehaviourQuery(clientId, asOf));
  }

  @Get(':clientId/solvency')
  @ApiOperation({ summary: 'Solvency (SPEC 4.3): risk score 0–100, level, and the factors that sum to it' })
  @ApiQuery(AS_OF)
  solvency(@Param('clientId', ParseIdPipe) clientId: string, @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime) {
    return this.queries.execute(new GetSolvencyQuery(clientId, asOf));
  }
}
