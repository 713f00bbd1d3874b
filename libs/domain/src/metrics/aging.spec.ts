import { agingBucketFor, agingOf } from './aging';
import { factsFrom, invoice, payment, registered } from './fixtures/behaviour-events';

describe('aging', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, 'd1_30'],
    [30, 'd1_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd91_plus'],
  ])('%d days past due is %s', (days, bucket) => {
    expect(agingBucketFor(days)).toBe(bucket);
  });

  it('buckets the outstanding amounts by days past due on the given day', () => {
    const today = '2026-06-30';
    // due dates chosen so that on 2026-06-30 the days past due are 0, 1, 30, 31, 60, 61, 90, 91
    const facts = factsFrom(
      registered(),
      invoice('d0', '100', '2026-05-01', '2026-06-30'),
      invoice('d1', '200', '2026-05-01', '2026-06-29'),
      invoice('d30', '300', '2026-04-01', '2026-05-31'),
      invoice('d31', '400', '2026-04-01', '2026-05-30'),
      invoice('d60', '500', '2026-03-01', '2026-05-01'),
      invoice('d61', '600', '2026-03-01', '2026-04-30'),
      invoice('d90', '700', '2026-02-01', '2026-04-01'),
      invoice('d91', '800', '2026-02-01', '2026-03-31'),
      invoice('paid', '5000', '2026-01-01', '2026-01-31', '2026-02-10'),
      invoice('part', '1000', '2026-06-01', '2026-07-01'),
      payment('p-part', '2026-06-15', ['part', '250']),
    );
    expect(agingOf(facts.invoices, today)).toEqual({
      current: 100n + 750n, // d0 + the unpaid 750 of "part" (not yet due)
      d1_30: 200n + 300n,
      d31_60: 400n + 500n,
      d61_90: 600n + 700n,
      d91_plus: 800n,
    });
  });
});
