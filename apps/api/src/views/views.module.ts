import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AdminProjectionsController } from './admin-projections.controller';
import { GetProjectionsHandler, RebuildProjectionsHandler, VerifyViewsHandler } from './admin.handlers';
import { ClientFactsLookup } from './client-facts-lookup';
import { ClientViewsController } from './client-views.controller';
import { ProjectionsModule } from '@settle/runtime';
import { ReportsController } from './reports.controller';
import {
  GetAgingReportHandler,
  GetDsoReportHandler,
  GetPaymentBehaviourHandler,
  GetSolvencyHandler,
  ListClientsHandler,
} from './views.queries';

/** The view routes (SPEC 4, 6, 7): payment behaviour, solvency, portfolio, reports, and the projection operations. */
@Module({
  imports: [CqrsModule, ProjectionsModule.forRoot({ runRunners: 'by-configuration' })],
  controllers: [ClientViewsController, ReportsController, AdminProjectionsController],
  providers: [
    ClientFactsLookup,
    GetPaymentBehaviourHandler,
    GetSolvencyHandler,
    ListClientsHandler,
    GetAgingReportHandler,
    GetDsoReportHandler,
    GetProjectionsHandler,
    RebuildProjectionsHandler,
    VerifyViewsHandler,
  ],
})
export class ViewsModule {}
