import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetAccountHandler } from './account.queries';
import { ClientCommandSender } from './client-command-sender';
import { ClientsController } from './clients.controller';
import { ExecuteClientCommandHandler } from './execute-client-command';
import { FeeWaiversController } from './fee-waivers.controller';
import { InteractionsController } from './interactions.controller';
import { InvoicesController } from './invoices.controller';
import { PaymentsController } from './payments.controller';

/**
 * The client account (SPEC 3): its commands in — register, agreement, invoices, payments,
 * interactions — and the account out. Exports the command sender for the other routes that
 * send client-account commands (pause and resume, with collections).
 */
@Module({
  imports: [CqrsModule],
  controllers: [ClientsController, InvoicesController, FeeWaiversController, PaymentsController, InteractionsController],
  providers: [ClientCommandSender, ExecuteClientCommandHandler, GetAccountHandler],
  exports: [ClientCommandSender],
})
export class ClientAccountModule {}
