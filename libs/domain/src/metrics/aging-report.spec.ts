import { DateTime } from 'luxon';
import { agingReport } from './aging-report';
import { PORTFOLIO } from './fixtures/portfolio';

describe('agingReport', () => {
  it('ages each client of the currency and totals the buckets', () => {
    const report = agingReport(PORTFOLIO, 'EUR', DateTime.fromISO('2026-03-31T12:00:00Z'));
    // acme: I3 1000.00 due 03-17 → 14 days past due; I4 3000.00 not yet due. beta: J1 400.00 due 02-19 → 40 days.
    // delta has nothing outstanding; gamma is in USD.
    expect(report).toEqual({
      currency: 'EUR',
      asOf: '2026-03-31T12:00:00.000Z',
      clients: [
        {
          clientId: 'acme',
          name: 'Acme Ltd',
          buckets: { current: 300000n, d1_30: 100000n, d31_60: 0n, d61_90: 0n, d91_plus: 0n },
          total: 400000n,
        },
        { clientId: 'beta', name: 'Beta BV', buckets: { current: 0n, d1_30: 0n, d31_60: 40000n, d61_90: 0n, d91_plus: 0n }, total: 40000n },
      ],
      totals: { current: 300000n, d1_30: 100000n, d31_60: 40000n, d61_90: 0n, d91_plus: 0n, total: 440000n },
    });
  });
});
