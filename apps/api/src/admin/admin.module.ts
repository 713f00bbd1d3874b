import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CollectionsModule } from '../collections/collections.module';
import { AdminCollectionsController } from './admin-collections.controller';
import { AdminProjectionsController } from './admin-projections.controller';
import { BackupController } from './backup.controller';
import { GetProjectionsHandler, RebuildProjectionsHandler, RunCollectionsCycleHandler, VerifyViewsHandler } from './admin.handlers';

/**
 * Every `/v1/admin` route, admin role only: run a collections cycle now; the projections' status,
 * rebuild and verification (SPEC 4.5, 6); a backup of the embedded store (SPEC 10). The collections runner comes from the collections module
 * (one process per application); the projection host is global (the views module provides it).
 */
@Module({
  imports: [CqrsModule, CollectionsModule],
  controllers: [AdminCollectionsController, AdminProjectionsController, BackupController],
  providers: [RunCollectionsCycleHandler, GetProjectionsHandler, RebuildProjectionsHandler, VerifyViewsHandler],
})
export class AdminModule {}
