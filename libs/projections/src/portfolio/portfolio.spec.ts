import { assessSolvency, type BehaviourFacts } from '@settle/domain';
import { clientEvent, factsFrom, registered } from '@settle/domain/metrics/fixtures/behaviour-events';
import { PORTFOLIO } from '@settle/domain/metrics/fixtures/portfolio';
import { DateTime } from 'luxon';
import { unappliedCreditOf } from './client-figures';
import { portfolio } from './portfolio';

/**
 * The domain's worked portfolio at 2026-03-31: acme owes 1000.00 overdue (I3, 14 days) and 3000.00
 * not yet due (I4); beta 400.00 overdue (J1 after a 100.00 credit note); delta nothing; gamma
 * 9999.99 USD overdue. Plus echo, registered without invoices.
 */
const NOW = DateTime.fromISO('2026-03-31T12:00:00Z', { zone: 'utc' });
const ECHO: BehaviourFacts = { ...factsFrom(registered()), clientId: 'echo', name: 'Echo' };
const ACCOUNTS = [...PORTFOLIO, ECHO];
const ids = (query: Parameters<typeof portfolio>[1]) => portfolio(ACCOUNTS, query, NOW).clients.map((client) => client.facts.clientId);

describe('portfolio', () => {
  it('filters by overdue and sorts amounts across currencies in major units', () => {
    expect(ids({ overdue: true, sort: { key: 'overdue', descending: true } })).toEqual(['gamma', 'acme', 'beta']);
    expect(ids({ overdue: false })).toEqual(['delta', 'echo']);
  });

  it('filters by currency and sorts by name', () => {
    expect(ids({ currency: 'EUR', sort: { key: 'name', descending: true } })).toEqual(['echo', 'delta', 'beta', 'acme']);
  });

  it('filters by risk level and trend as the figures say', () => {
    const low = ACCOUNTS.filter((facts) => assessSolvency(facts, NOW).riskLevel === 'low').map((facts) => facts.clientId);
    expect(low.length).toBeGreaterThan(0);
    expect(low.length).toBeLessThan(ACCOUNTS.length);
    expect(ids({ riskLevels: ['low'] })).toEqual(low);
    expect(ids({ riskLevels: ['medium', 'high', 'critical'] })).toEqual(
      ACCOUNTS.map((facts) => facts.clientId).filter((id) => !low.includes(id)),
    );
    // acme's lateness by settlement: I2 on time, I1 27 days late, I3 open 14 days so far → slope 7, latest 14 > 7.
    expect(ids({ trends: ['improving', 'deteriorating'] })).toEqual(['acme']);
  });

  it('puts clients without a PAYDEX last in either direction, ties by client id', () => {
    expect(ids({ sort: { key: 'paydex', descending: true } }).at(-1)).toBe('echo');
    expect(ids({ sort: { key: 'paydex', descending: false } }).at(-1)).toBe('echo');
  });

  it('pages after filtering and sorting, and totals every match per currency', () => {
    const page = portfolio(ACCOUNTS, { limit: 2, offset: 1 }, NOW);
    expect(page.total).toBe(5);
    expect(page.clients.map((client) => client.facts.clientId)).toEqual(['beta', 'delta']);
    expect(page.totals).toEqual([
      { currency: 'EUR', clients: 4, outstanding: 440000n, balance: 440000n, overdue: 140000n },
      { currency: 'USD', clients: 1, outstanding: 999999n, balance: 999999n, overdue: 999999n },
    ]);
  });

  it('counts unapplied credit from payments not reversed, less what they paid', () => {
    const facts = factsFrom(
      registered(),
      clientEvent('InvoiceIssued', { invoiceId: 'I1', amount: '60000', currency: 'EUR', issuedOn: '2026-01-01', dueOn: '2026-01-31' }),
      clientEvent('PaymentReceived', { paymentId: 'p1', amount: '100000', currency: 'EUR', receivedOn: '2026-01-10' }),
      clientEvent('PaymentAllocated', { paymentId: 'p1', invoiceId: 'I1', amount: '60000' }),
      clientEvent('PaymentReceived', { paymentId: 'p2', amount: '5000', currency: 'EUR', receivedOn: '2026-01-11' }),
    );
    expect(unappliedCreditOf(facts)).toBe(45000n);
    const reversed = factsFrom(
      registered(),
      clientEvent('PaymentReceived', { paymentId: 'p2', amount: '5000', currency: 'EUR', receivedOn: '2026-01-11' }),
      clientEvent('PaymentReversed', {
        paymentId: 'p2',
        reason: 'Bounced',
        reversedOn: '2026-01-12',
        deallocations: [],
        unappliedCreditRemoved: '5000',
      }),
    );
    expect(unappliedCreditOf(reversed)).toBe(0n);
  });
});
