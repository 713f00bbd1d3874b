import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AdminOnly } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { ClientCommandSender } from './client-command-sender';
import { WaiveFeesDto } from './dto/fee-waiver.dto';

/** An admin drops an invoice's late fee and/or interest (SPEC 3.4): the only way they leave the books unpaid. */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/invoices/:invoiceId/fee-waivers')
export class FeeWaiversController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post()
  @AdminOnly()
  @ApiOperation({
    summary:
      'WaiveFees: LateFeeWaived / LateInterestWaived, an amount or "all" outstanding, with a reason; ' +
      '422 waiver_exceeds_outstanding above what is outstanding, 422 nothing_to_waive when nothing is',
  })
  waive(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Param('invoiceId', ParseIdPipe) invoiceId: string,
    @Body() body: WaiveFeesDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'WaiveFees', data: { clientId, invoiceId, ...body } }, context, response);
  }
}
