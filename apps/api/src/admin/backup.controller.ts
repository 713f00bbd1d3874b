import { ConflictException, Controller, HttpCode, Inject, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Storage, STORAGE } from '@settle/runtime';
import { AdminOnly } from '../auth/roles.decorator';

/** SPEC 10: a consistent copy of a running embedded store (`npm run settle -- backup` calls this). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/admin')
@AdminOnly()
export class BackupController {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  @Post('backup')
  @HttpCode(200)
  @ApiProduces('application/gzip')
  @ApiOperation({
    summary:
      'Embedded mode: the whole database as one gzipped tar, consistent (taken while no statement runs). ' +
      'Restore by unpacking it as DATA_DIR/pglite. PostgreSQL and EventStoreDB are backed up with their own tools (409 here).',
  })
  async backup(): Promise<StreamableFile> {
    if (!this.storage.snapshot)
      throw new ConflictException('Only an embedded store is backed up here: back up PostgreSQL or EventStoreDB with their own tools');
    const snapshot = Buffer.from(await (await this.storage.snapshot()).arrayBuffer());
    return new StreamableFile(snapshot, {
      type: 'application/gzip',
      length: snapshot.length,
      disposition: 'attachment; filename="settle-backup.tar.gz"',
    });
  }
}
