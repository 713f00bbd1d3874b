import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AllowedRoles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { ClientCommandSender } from './client-command-sender';
import { RecordPaymentDto, ReversePaymentDto } from './dto/payment.dto';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/payments')
export class PaymentsController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post()
  @AllowedRoles('clerk')
  @ApiOperation({ summary: 'RecordPayment: explicit allocations, or oldest due first; the rest is unapplied credit' })
  record(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: RecordPaymentDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'RecordPayment', data: { clientId, ...body } }, context, response);
  }

  @Post(':paymentId/reversal')
  @AllowedRoles('clerk')
  @ApiOperation({ summary: 'ReversePayment (bounced / charged back): its allocations are undone' })
  reverse(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Param('paymentId', ParseIdPipe) paymentId: string,
    @Body() body: ReversePaymentDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'ReversePayment', data: { clientId, paymentId, ...body } }, context, response);
  }
}
