import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AdminOnly } from '../auth/roles.decorator';
import { ClientCommandSender } from '../client-account/client-command-sender';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { AgencyHandoverDecisionDto } from './dto/agency-handover.dto';

/** An admin answers a handover to a collection agency the process proposed (SPEC 3.4, 5). */
@ApiTags('collections')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/collections')
export class AgencyHandoverController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post('agency-handover')
  @AdminOnly()
  @ApiOperation({
    summary:
      'ApproveAgencyHandover: approve (HandedToAgency) or reject (AgencyHandoverRejected) a proposed handover, with a reason; 422 agency_handover_not_proposed when none awaits an answer',
  })
  decide(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: AgencyHandoverDecisionDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'ApproveAgencyHandover', data: { clientId, ...body } }, context, response);
  }
}
