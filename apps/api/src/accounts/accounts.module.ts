import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetHistoryHandler, VerifyHistoryHandler } from '../audit/history.queries';
import { HistoryController } from '../audit/history.controller';
import { GetAccountHandler } from './account.queries';
import { ClientCommandSender } from './client-command-sender';
import { ClientsController } from './clients.controller';
import { ExecuteClientCommandHandler } from './execute-client-command';
import { InteractionsController } from './interactions.controller';
import { InvoicesController } from './invoices.controller';
import { PaymentsController } from './payments.controller';

/** Client accounts: commands in, account and audit history out. */
@Module({
  imports: [CqrsModule],
  controllers: [ClientsController, InvoicesController, PaymentsController, InteractionsController, HistoryController],
  providers: [ClientCommandSender, ExecuteClientCommandHandler, GetAccountHandler, GetHistoryHandler, VerifyHistoryHandler],
})
export class AccountsModule {}
