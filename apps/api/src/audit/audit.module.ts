import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HistoryController } from './history.controller';
import { ExportHistoryHandler, GetHistoryHandler, VerifyHistoryHandler } from './history.queries';

/** The audit trail (SPEC 6): a client's stream with its metadata, and the check of its hash chain. */
@Module({
  imports: [CqrsModule],
  controllers: [HistoryController],
  providers: [GetHistoryHandler, ExportHistoryHandler, VerifyHistoryHandler],
})
export class AuditModule {}
