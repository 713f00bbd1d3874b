import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InfrastructureModule, SettleConfig, Storage, STORAGE } from '@settle/runtime';
import { BackupController } from '../../apps/api/src/admin/backup.controller';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { generatePortfolio, inTimeOrder, PortfolioRecorder, StreamAppend } from '../../scripts/portfolio';
import { copyPgliteTemplate } from '../setup/pglite-template';
import { settle } from './cli-harness';

const NOW = '2026-03-02T10:00:00.000Z';
const ADMIN_SECRET = 'admin-secret-000000000001';
const CLERK_SECRET = 'clerk-secret-000000000001';

/** The backup route with the real key guard and storage, on an embedded DATA_DIR, listening on a free port. */
async function startService(dataDir: string): Promise<{ app: INestApplication; url: string; storage: Storage }> {
  const config = SettleConfig.fromEnvironment({
    DATA_DIR: dataDir,
    API_KEYS: `ops:admin:${ADMIN_SECRET},desk:clerk:${CLERK_SECRET}`,
    NOW,
  });
  @Module({ imports: [InfrastructureModule.forRoot(config), AuthModule], controllers: [BackupController] })
  class BackupServiceModule {}
  const app = await NestFactory.create(BackupServiceModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, storage: app.get<Storage>(STORAGE) };
}

describe('npm run settle -- backup: a consistent copy of a running embedded store', () => {
  const work = mkdtempSync(join(tmpdir(), 'settle-backup-'));
  const dataDir = join(work, 'data');
  let service: Awaited<ReturnType<typeof startService>>;
  let appends: StreamAppend[];

  beforeAll(async () => {
    await copyPgliteTemplate(join(dataDir, 'pglite'));
    service = await startService(dataDir);
    const portfolio = generatePortfolio({ clients: 6, now: NOW, months: 4, seed: 'cli-backup' });
    const recorder = new PortfolioRecorder(portfolio.clients.length);
    for (const command of inTimeOrder(portfolio.clients)) await recorder.record(command);
    appends = recorder.drain();
  });

  afterAll(async () => {
    // Closed by the last test already, unless it failed before.
    await service?.app.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('is refused without an admin key, leaving no file behind', async () => {
    const out = join(work, 'refused.tar.gz');

    const result = await settle(['backup', '--url', service.url, '--out', out], { SETTLE_API_KEY: CLERK_SECRET });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No backup taken: 403');
    expect(readdirSync(work)).not.toContain('refused.tar.gz');
    expect(readdirSync(work)).not.toContain('refused.tar.gz.partial');
  });

  it('copies the store while it takes writes; the copy verifies, and restores with tar into a store that exports the same history', async () => {
    const half = Math.floor(appends.length / 2);
    for (const { streamId, events, expected } of appends.slice(0, half)) await service.storage.events.append(streamId, events, expected);
    const writing = (async () => {
      for (const { streamId, events, expected } of appends.slice(half)) await service.storage.events.append(streamId, events, expected);
    })();
    const backups = join(work, 'backups');
    mkdirSync(backups);

    const result = await settle(['backup', '--url', service.url, '--out', backups], { SETTLE_API_KEY: ADMIN_SECRET });
    await writing;

    expect(result).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/Backed up \d+ events of \d+ streams to .*settle-backup-.*\.tar\.gz .*every hash chain verified/),
    });
    const [backupFile] = readdirSync(backups);
    expect(backupFile).toMatch(/^settle-backup-\d{8}T\d{6}Z\.tar\.gz$/);

    // Restore as the README says: unpack into an empty DATA_DIR/pglite.
    const restored = join(work, 'restored');
    mkdirSync(join(restored, 'pglite'), { recursive: true });
    execFileSync('tar', ['-xzf', join(backups, backupFile), '-C', join(restored, 'pglite')], { stdio: 'ignore' });
    expect((await settle(['export', '--out', join(work, 'restored.ndjson')], { DATA_DIR: restored })).code).toBe(0);

    // The copy is the history up to one instant: a prefix of the live one, positions included.
    await service.app.close();
    expect((await settle(['export', '--out', join(work, 'live.ndjson')], { DATA_DIR: dataDir })).code).toBe(0);
    const lines = (file: string) => readFileSync(join(work, file), 'utf8').trimEnd().split('\n');
    const copy = lines('restored.ndjson');
    const live = lines('live.ndjson');
    const copied = copy.length - 1;
    expect(copied).toBeGreaterThanOrEqual(appends.slice(0, half).reduce((sum, { events }) => sum + events.length, 0));
    expect(copy.slice(0, -1)).toEqual(live.slice(0, copied));
    expect(result.stderr).toContain(`Backed up ${copied} events`);
  });
});
