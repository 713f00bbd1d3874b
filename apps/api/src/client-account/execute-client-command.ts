import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClientAccounts, CommandContext } from '@settle/command-pipeline';
import { ClientAccountCommand } from '@settle/domain';
import { Clock } from '@settle/command-pipeline';
import { Inject } from '@nestjs/common';
import { CLOCK } from '@settle/runtime';
import { presentCommandResult } from './presenters';

/** Any client-account command from the API, with who sent it. */
export class ExecuteClientCommand {
  constructor(
    readonly command: ClientAccountCommand,
    readonly context: CommandContext,
  ) {}
}

export interface ClientCommandResult {
  /** false when the same command had been recorded before (answered 200 instead of 201). */
  created: boolean;
  body: unknown;
}

@CommandHandler(ExecuteClientCommand)
export class ExecuteClientCommandHandler implements ICommandHandler<ExecuteClientCommand, ClientCommandResult> {
  constructor(
    private readonly accounts: ClientAccounts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ command, context }: ExecuteClientCommand): Promise<ClientCommandResult> {
    const outcome = await this.accounts.execute(command, context);
    return { created: outcome.outcome === 'recorded', body: presentCommandResult(command, outcome.snapshot.state, this.clock.now()) };
  }
}
