import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CollectionsCoreModule } from '@settle/runtime';
import { ClientAccountModule } from '../client-account/client-account.module';
import { AgencyHandoverController } from './agency-handover.controller';
import { CollectionsPauseController } from './collections-pause.controller';
import { CollectionsController } from './collections.controller';
import { GetClientCollectionsHandler, GetLetterPreviewHandler, GetWorklistHandler } from './collections.handlers';

/**
 * The collections routes (SPEC 5, 7): a client's case, the worklist, pause and resume, the answer to a proposed agency handover. The process
 * itself runs here in embedded mode, else in the worker. Exports the core module: one instance of
 * the process per application, which the admin routes drive too.
 */
@Module({
  imports: [CqrsModule, ClientAccountModule, CollectionsCoreModule.forRoot({ runProcess: 'by-configuration' })],
  controllers: [CollectionsController, CollectionsPauseController, AgencyHandoverController],
  providers: [GetClientCollectionsHandler, GetLetterPreviewHandler, GetWorklistHandler],
  exports: [CollectionsCoreModule],
})
export class CollectionsModule {}
