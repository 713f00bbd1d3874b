import { Body, Controller, ForbiddenException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AdminOnly, AllowedRoles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { ClientCommandSender } from './client-command-sender';
import { IssueCreditNoteDto, IssueInvoiceDto, WriteOffInvoiceDto } from './dto/invoice.dto';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/invoices')
export class InvoicesController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post()
  @AllowedRoles('clerk')
  @ApiOperation({
    summary:
      'IssueInvoice (due date from the terms unless dueOn is given; due on receipt with prepaymentRequired during a credit hold; ' +
      '422 credit_limit_exceeded above the credit limit unless an admin sends overrideCreditLimit)',
  })
  issue(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: IssueInvoiceDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Overriding the credit limit is an admin's decision, like the agreement that sets the limit.
    if (body.overrideCreditLimit === true && context.role !== 'admin')
      throw new ForbiddenException(`Role ${context.role} may not override the credit limit; only admin may`);
    return this.commands.send({ type: 'IssueInvoice', data: { clientId, ...body } }, context, response);
  }

  @Post(':invoiceId/credit-notes')
  @AllowedRoles('clerk')
  @ApiOperation({ summary: 'IssueCreditNote (at most the outstanding amount)' })
  creditNote(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Param('invoiceId', ParseIdPipe) invoiceId: string,
    @Body() body: IssueCreditNoteDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'IssueCreditNote', data: { clientId, invoiceId, ...body } }, context, response);
  }

  @Post(':invoiceId/write-off')
  @AdminOnly()
  @ApiOperation({ summary: 'WriteOffInvoice: the remaining outstanding becomes bad debt' })
  writeOff(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Param('invoiceId', ParseIdPipe) invoiceId: string,
    @Body() body: WriteOffInvoiceDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'WriteOffInvoice', data: { clientId, invoiceId, ...body } }, context, response);
  }
}
