import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgingReportQueryDto, DsoReportQueryDto } from './dto/report-query.dto';
import { validQuery } from './query-validation.pipe';
import { GetAgingReportQuery, GetDsoReportQuery } from './views.queries';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('aging')
  @ApiOperation({ summary: 'Outstanding by days past due (current, 1–30, 31–60, 61–90, 91+), per client and in total, for one currency' })
  aging(@Query(validQuery()) query: AgingReportQueryDto) {
    return this.queries.execute(new GetAgingReportQuery(query.currency));
  }

  @Get('dso')
  @ApiOperation({ summary: 'Monthly DSO, countback DSO, best possible DSO, ADD and CEI for one currency' })
  dso(@Query(validQuery()) query: DsoReportQueryDto) {
    return this.queries.execute(new GetDsoReportQuery(query.currency, query.months ?? 6, query.timezone ?? 'UTC'));
  }
}
