import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '@settle/command-pipeline';
import { ClientAccountCommand } from '@settle/domain';
import { Response } from 'express';
import { ClientCommandResult, ExecuteClientCommand } from './execute-client-command';

/** 201 when the command recorded something new, 200 when it repeats one already recorded (SPEC 3.4). */
@Injectable()
export class ClientCommandSender {
  constructor(private readonly commandBus: CommandBus) {}

  async send(command: ClientAccountCommand, context: CommandContext, response: Response): Promise<unknown> {
    const result = await this.commandBus.execute<ExecuteClientCommand, ClientCommandResult>(new ExecuteClientCommand(command, context));
    response.status(result.created ? 201 : 200);
    return result.body;
  }

  /** A PUT replaces a resource that exists: 200 whether it changed anything or not (RFC 9110 § 9.3.4). */
  async replace(command: ClientAccountCommand, context: CommandContext, response: Response): Promise<unknown> {
    const body = await this.send(command, context, response);
    response.status(200);
    return body;
  }
}
