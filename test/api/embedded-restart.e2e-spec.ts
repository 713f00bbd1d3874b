import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { clientBody } from '../support/test-app';

/** The embedded default: no configuration but DATA_DIR; a generated admin key; nothing lost on restart. */
describe('embedded mode across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'settle-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot() {
    const printed: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    try {
      const app = await createApp({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NOW: '2026-03-02T10:00:00Z' });
      await app.init();
      return { app, printed: printed.join('') };
    } finally {
      write.mockRestore();
    }
  }

  it('prints a generated admin key once, keeps only its hash, and keeps the data', async () => {
    const first = await boot();
    const key = /Authorization: Bearer (\S+)/.exec(first.printed)?.[1];
    expect(key).toMatch(/^settle_/);
    expect(readFileSync(join(dataDir, 'admin-key.json'), 'utf8')).not.toContain(key!);
    const http = request(first.app.getHttpServer());
    await http.post('/v1/clients').set('Authorization', `Bearer ${key}`).send(clientBody('acme')).expect(201);
    await http
      .post('/v1/clients/acme/invoices')
      .set('Authorization', `Bearer ${key}`)
      .send({ invoiceId: 'INV-1', amount: '99.95', currency: 'EUR' })
      .expect(201);
    await first.app.close();

    const second = await boot();
    expect(second.printed).not.toContain('Bearer');
    const account = await request(second.app.getHttpServer()).get('/v1/clients/acme').set('Authorization', `Bearer ${key}`).expect(200);
    expect(account.body).toMatchObject({ clientId: 'acme', balance: '99.95', invoices: [{ invoiceId: 'INV-1', amount: '99.95' }] });
    await second.app.close();
  });
});
