import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { type ManualClock } from '@settle/command-pipeline';
import { type EventStore } from '@settle/event-store';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { copyPgliteTemplate } from '../setup/pglite-template';
import { CLOCK, EVENT_STORE, type Storage, STORAGE } from '@settle/runtime';

export type RoleName = 'clerk' | 'collector' | 'auditor' | 'admin';

/** One key per role; secrets are test values only. */
export const TEST_KEYS: Record<RoleName, string> = {
  clerk: 'clerk-secret-000000000001',
  collector: 'collector-secret-00000001',
  auditor: 'auditor-secret-0000000001',
  admin: 'admin-secret-000000000001',
};
const API_KEYS = Object.entries(TEST_KEYS)
  .map(([role, secret]) => `${role}-key:${role}:${secret}`)
  .join(',');

export interface TestAppOptions {
  /** PGlite directory to reuse (restart tests); a fresh temp dir otherwise. */
  dataDir?: string;
  databaseUrl?: string;
  esdbUrl?: string;
  now?: string;
  env?: Record<string, string>;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: ManualClock;
  store: EventStore;
  storage: Storage;
  dataDir: string;
  /** A request with the role's key. */
  as(role: RoleName): { get(path: string): request.Test; post(path: string): request.Test; put(path: string): request.Test };
  close(): Promise<void>;
}

/** Boots the real application (same module graph as `npm start`) on the given storage. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'settle-test-'));
  // A fresh PGlite directory takes seconds to initialise; copy the run's ready-made one instead.
  if (ownDataDir && !options.databaseUrl) await copyPgliteTemplate(join(dataDir, 'pglite'));
  const app = await createApp({
    DATA_DIR: dataDir,
    API_KEYS,
    NOW: options.now ?? '2026-03-02T10:00:00Z',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests move the clock across months; a scheduled cycle would then record decisions at moments no test chose.
    // Suites about collections run cycles themselves; the schedule's own suite sets it.
    COLLECTIONS_SCHEDULE: 'off',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.esdbUrl ? { ESDB_URL: options.esdbUrl } : {}),
    ...options.env,
  });
  await app.init();
  const server = app.getHttpServer();
  const http = request(server);
  const withKey = (role: RoleName) => {
    const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_KEYS[role]}`);
    return {
      get: (path: string) => auth(http.get(path)),
      post: (path: string) => auth(http.post(path)),
      put: (path: string) => auth(http.put(path)),
    };
  };
  return {
    app,
    http,
    clock: app.get<ManualClock>(CLOCK),
    store: app.get<EventStore>(EVENT_STORE),
    storage: app.get<Storage>(STORAGE),
    dataDir,
    as: withKey,
    close: async () => {
      await app.close();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client with the defaults most tests need. */
export const clientBody = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  clientId,
  name: `Client ${clientId}`,
  currency: 'EUR',
  agreement: {
    paymentTerms: { type: 'net', days: 30 },
    timezone: 'Europe/Amsterdam',
    contact: { name: 'Ada Client', email: 'ada@client.example', preferredChannel: 'email' },
    accountManager: { name: 'Max Manager', email: 'max@settle.example' },
    lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
  },
  ...overrides,
});
