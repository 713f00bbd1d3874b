import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Clock } from '@settle/command-pipeline';
import { type StatementOfAccount } from '@settle/domain';
import { CLOCK } from '@settle/runtime';
import { type Response } from 'express';
import { DateTime } from 'luxon';
import { refuseFutureAsOf } from '../http/as-of';
import { InvalidInputException } from '../http/invalid-input.exception';
import { ParseIdPipe } from '../http/pipes';
import { validQuery } from '../views/query-validation.pipe';
import { StatementQueryDto } from './dto/statement-query.dto';
import { statementCsv } from './statement-csv';
import { statementDocument } from './statement-document';
import { STATEMENT_HTML_CSP, statementHtml } from './statement-html';
import { statementPdf } from './statement-pdf';
import { GetStatementQuery } from './statement.query';

@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/statement')
export class StatementController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Statement of account (SPEC 9): opening balance, every entry in date order with a running balance, closing balance, aging',
    description:
      'Invoices, payments and their reversals, credit notes, write-offs, late fees, interest and waivers, in the client’s language ' +
      '(the agreement’s `language`). The closing balance equals the account’s `balance` as of the same instant when `to` is on or ' +
      'after the last entry (the default). `format`: json (default), html, pdf, csv (RFC 4180).',
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf', 'text/csv')
  async statement(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Query(validQuery()) query: StatementQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (query.from !== undefined && query.to !== undefined && query.to < query.from)
      throw new InvalidInputException([{ field: 'to', message: 'to must not be before from' }]);
    const asOf =
      query.asOf === undefined ? undefined : refuseFutureAsOf(DateTime.fromISO(query.asOf, { setZone: true }).toUTC(), this.clock.now());
    const { statement, asOf: at } = await this.queries.execute<GetStatementQuery, { statement: StatementOfAccount; asOf: DateTime }>(
      new GetStatementQuery(clientId, { from: query.from, to: query.to }, asOf),
    );
    const document = statementDocument(statement, at);
    const fileName = `statement-${clientId}-${document.to}`;
    response.setHeader('Content-Language', document.language);
    switch (query.format ?? 'json') {
      case 'json':
        return document;
      case 'html':
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.setHeader('Content-Security-Policy', STATEMENT_HTML_CSP);
        return statementHtml(document);
      case 'csv':
        return new StreamableFile(Buffer.from(statementCsv(document), 'utf8'), {
          type: 'text/csv; charset=utf-8; header=present',
          disposition: `attachment; filename="${fileName}.csv"`,
        });
      case 'pdf':
        return new StreamableFile(await statementPdf(document), {
          type: 'application/pdf',
          disposition: `inline; filename="${fileName}.pdf"`,
        });
    }
  }
}
