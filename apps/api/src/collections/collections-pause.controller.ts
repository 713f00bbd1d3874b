import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@settle/command-pipeline';
import { Response } from 'express';
import { AllowedRoles } from '../auth/roles.decorator';
import { ClientCommandSender } from '../client-account/client-command-sender';
import { ParseIdPipe } from '../http/pipes';
import { RequestContext } from '../http/request-context';
import { PauseCollectionsDto, ResumeCollectionsDto } from './dto/pause-collections.dto';

/**
 * A collector holds or releases the process for one client. Both are client-account commands, sent
 * like any other; the OpenAPI document lists them with the interactions, a collector's other records.
 */
@ApiTags('interactions')
@ApiBearerAuth()
@Controller('v1/clients/:clientId/collections')
export class CollectionsPauseController {
  constructor(private readonly commands: ClientCommandSender) {}

  @Post('pause')
  @AllowedRoles('collector')
  @ApiOperation({ summary: 'PauseCollections until a date, with a reason' })
  pause(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: PauseCollectionsDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'PauseCollections', data: { clientId, ...body } }, context, response);
  }

  @Post('resume')
  @AllowedRoles('collector')
  @ApiOperation({ summary: 'ResumeCollections' })
  resume(
    @Param('clientId', ParseIdPipe) clientId: string,
    @Body() body: ResumeCollectionsDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send({ type: 'ResumeCollections', data: { clientId, ...body } }, context, response);
  }
}
