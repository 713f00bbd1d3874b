import { type CallApi } from './seed-over-http';

interface ProjectionsStatus {
  projections: { name: string; state: string; lag: { events: number } }[];
}

/**
 * Waits until every view has caught up with the store (GET /v1/admin/projections shows no lag), so
 * that what was just recorded shows in the portfolio and the worklist. Needs an admin key.
 */
export async function awaitViews(callApi: CallApi, timeoutMs = 120_000, pollMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await callApi({ method: 'GET', path: '/v1/admin/projections' });
    if (status !== 200) throw new Error(`GET /v1/admin/projections answered ${status}: ${JSON.stringify(body)}`);
    const { projections } = body as ProjectionsStatus;
    if (projections.every((projection) => projection.lag.events === 0 && projection.state !== 'rebuilding')) return;
    if (Date.now() > deadline) throw new Error(`The views did not catch up within ${timeoutMs} ms: ${JSON.stringify(projections)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
