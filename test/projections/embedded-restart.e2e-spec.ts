import { clientBody } from '../support/test-app';
import { preparedDataDir } from './support/pglite-database';
import { send, startViewsApp } from './support/views-app';

describe('embedded mode: the views survive a restart', () => {
  it('continues from the stored checkpoint instead of rebuilding', async () => {
    const prepared = await preparedDataDir();
    try {
      const first = await startViewsApp({ dataDir: prepared.dataDir });
      await send(first, 'post', '/v1/clients', clientBody('acme'));
      await send(first, 'post', '/v1/clients/acme/invoices', { invoiceId: 'INV-1', amount: '100.00', currency: 'EUR' });
      await first.settled();
      const [before] = await first.host.status();
      await first.close();

      const second = await startViewsApp({ dataDir: prepared.dataDir });
      try {
        const [after] = await second.host.status();
        expect(after.checkpoint).toEqual(
          expect.objectContaining({ position: before.checkpoint.position, eventsHandled: 2, generation: 0 }),
        );
        await send(second, 'post', '/v1/clients/acme/invoices', { invoiceId: 'INV-2', amount: '50.00', currency: 'EUR' });
        await second.settled();
        const [followed] = await second.host.status();
        expect(followed.checkpoint).toMatchObject({ eventsHandled: 3, generation: 0 });
        expect((await second.as('auditor').get('/v1/clients/acme/payment-behavior').expect(200)).body.outstanding).toBe('150.00');
      } finally {
        await second.close();
      }
    } finally {
      await prepared.remove();
    }
  });
});
