import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClientFactsLookup } from './client-facts-lookup';
import { ClientViewsController } from './client-views.controller';
import { ReportsController } from './reports.controller';
import {
  GetAgingReportHandler,
  GetDsoReportHandler,
  GetPaymentBehaviourHandler,
  GetSolvencyHandler,
  ListClientsHandler,
} from './views.queries';

/**
 * The routes that read the views, the SQL read models the projections build (SPEC 4, 6): payment
 * behaviour, solvency, portfolio, reports; with `asOf`, folded from the events instead.
 */
@Module({
  imports: [CqrsModule],
  controllers: [ClientViewsController, ReportsController],
  providers: [
    ClientFactsLookup,
    GetPaymentBehaviourHandler,
    GetSolvencyHandler,
    ListClientsHandler,
    GetAgingReportHandler,
    GetDsoReportHandler,
  ],
})
export class ViewsModule {}
