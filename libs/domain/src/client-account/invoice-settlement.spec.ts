import { settlement } from './invoice-settlement';

describe('settlement', () => {
  const invoice = { amount: 10000n, paid: 0n, credited: 0n, writtenOff: 0n };

  it('dates paidOn the day the invoice became fully settled by payments, keeps it while settled and clears it on reopening', () => {
    expect(settlement({ ...invoice, paid: 6000n }, '2026-02-01')).toEqual({ outstanding: 4000n });
    expect(settlement({ ...invoice, paid: 6000n, credited: 4000n }, '2026-02-10')).toEqual({ outstanding: 0n, paidOn: '2026-02-10' });
    expect(settlement({ ...invoice, paid: 10000n, paidOn: '2026-02-10' }, '2026-03-01')).toEqual({ outstanding: 0n, paidOn: '2026-02-10' });
    expect(settlement({ ...invoice, paid: 4000n, paidOn: '2026-02-10' }, '2026-03-01')).toEqual({ outstanding: 6000n });
    // Settled without payment, or with something written off: not paid.
    expect(settlement({ ...invoice, credited: 10000n }, '2026-02-10')).toEqual({ outstanding: 0n });
    expect(settlement({ ...invoice, paid: 9000n, writtenOff: 1000n }, '2026-02-10')).toEqual({ outstanding: 0n });
  });
});
