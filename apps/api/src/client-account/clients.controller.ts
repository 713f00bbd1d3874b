import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { DateTime } from 'luxon';
import { AdminOnly, AllowedRoles } from '../auth/roles.decorator';
import { ParseIdPipe, ParseOptionalInstantPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { GetAccountQuery } from './account.queries';
import { ClientCommandSender } from './client-command-sender';
import { ChangeAgreementDto, toAgreementChange, toAgreementInput } from './dto/agreement.dto';
import { RegisterClientDto } from './dto/client.dto';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('v1/clients')
export class ClientsController {
  constructor(
    private readonly commands: ClientCommandSender,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @AllowedRoles('clerk')
  @ApiOperation({ summary: 'RegisterClient → 201 (200 when repeated identically)' })
  register(@Body() body: RegisterClientDto, @RequestContext() context: CommandContext, @Res({ passthrough: true }) response: Response) {
    const { clientId, name, currency, agreement } = body;
    return this.commands.send(
      { type: 'RegisterClient', data: { clientId, name, currency, agreement: toAgreementInput(agreement) } },
      context,
      response,
    );
  }

  @Get(':clientId')
  @ApiOperation({ summary: 'The account (SPEC 4.1), now or as known at asOf' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the account rebuilt from the events recorded up to then' })
  account(@Param('clientId', ParseIdPipe) clientId: string, @Query('asOf', ParseOptionalInstantPipe) asOf?: DateTime) {
    return this.queries.execute(new GetAccountQuery(clientId, asOf));
  }

  @Put(':clientId/agreement')
  @AdminOnly()
  @ApiOperation({
    summary: 'ChangeAgreement → 200: fee/interest changes take effect only after the notice period (shown as scheduledLateFeePolicy)',
  })
  changeAgreement(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: ChangeAgreementDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.replace({ type: 'ChangeAgreement', data: { clientId, ...toAgreementChange(body) } }, context, response);
  }
}
