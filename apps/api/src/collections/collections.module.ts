import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CollectionsCoreModule } from '@settle/runtime';
import { CollectionsController } from './collections.controller';
import { GetClientCollectionsHandler, GetWorklistHandler, RunCollectionsCycleHandler } from './collections.handlers';

/** The collections routes (SPEC 7); the process itself runs here in embedded mode, else in the worker. */
@Module({
  imports: [CqrsModule, CollectionsCoreModule.forRoot({ runProcess: 'by-configuration' })],
  controllers: [CollectionsController],
  providers: [RunCollectionsCycleHandler, GetClientCollectionsHandler, GetWorklistHandler],
})
export class CollectionsModule {}
