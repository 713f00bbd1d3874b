import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AllowedRoles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { ClientCommandSender } from './client-command-sender';
import { LogInteractionDto } from './dto/interaction.dto';

@ApiTags('interactions')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/interactions')
export class InteractionsController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post()
  @AllowedRoles('clerk', 'collector')
  @ApiOperation({ summary: 'LogInteraction (SPEC 3.5): contacts, responses, meetings, promises, disputes, red flags' })
  log(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: LogInteractionDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'LogInteraction', data: { clientId, ...body } }, context, response);
  }
}
