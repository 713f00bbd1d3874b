import { stateFromEvents } from '../client-account/client-account.decider';
import { clientEvent, clientRegistered } from '../client-account/testing/client-account-fixtures';
import { type RegisteredAccount } from '../client-account/state';
import { evolveCollectionsState, initialCollectionsState } from './state';

describe('the collections case, folded once', () => {
  it('is the same for the account and for the collections process', () => {
    const at = '2026-03-02T10:00:00.000Z';
    const events = [
      clientRegistered(),
      clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '10000', currency: 'EUR', issuedOn: '2026-01-01', dueOn: '2026-01-31' }),
      clientEvent('CollectionsEscalated', { level: 'call', trigger: 'overdue', invoiceId: 'INV-1', figures: {}, decidedAt: at }),
      clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-02' }),
      clientEvent('CollectionsPaused', { pauseId: 'p-1', until: '2026-03-10', reason: 'talks', pausedAt: at }),
      clientEvent('CreditHoldPlaced', { trigger: 'overdue', reason: '30 days past due', placedAt: at }),
      clientEvent('PromiseToPayMade', { interactionId: 'int-1', amount: '5000', promisedOn: '2026-03-05', madeAt: at }),
      clientEvent('PromiseBroken', { interactionId: 'int-1', promisedOn: '2026-03-05', amount: '5000', paid: '0', decidedAt: at }),
      clientEvent('CollectionsEscalated', {
        level: 'final_notice',
        trigger: 'promise_broken',
        invoiceId: 'INV-1',
        figures: {},
        decidedAt: at,
      }),
      clientEvent('PromiseKept', {
        interactionId: 'int-1',
        promisedOn: '2026-03-05',
        amount: '5000',
        paid: '5000',
        decidedAt: at,
        supersedes: 'PromiseBroken',
        reason: 'booked late',
      }),
      clientEvent('CollectionsLevelCorrected', {
        previousLevel: 'final_notice',
        level: 'call',
        reason: 'promise_kept',
        withdrawnSteps: [{ level: 'final_notice', at, explanation: 'owed by a broken promise' }],
        decidedAt: at,
      }),
    ];
    const account = stateFromEvents(events) as RegisteredAccount;
    const process = events.reduce(evolveCollectionsState, initialCollectionsState());
    const {
      clientId: _clientId,
      currency: _currency,
      agreement: _agreement,
      lateFeePolicies: _policies,
      agreedLadders: _ladders,
      disputesRaised: _disputes,
      creditedDisputes: _credited,
      waiverIds: _waivers,
      recomputedInterestWaived: _recomputed,
      ...processCase
    } = process;
    expect(processCase).toEqual(account.collections);
    expect(account.collections).toMatchObject({ level: 'call', pause: { until: '2026-03-10' }, creditHold: { trigger: 'overdue' } });
    expect(account.collections.caseSteps.map((step) => step.level)).toEqual(['call']);
    expect(account.collections.brokenPromises.size).toBe(0);
    expect(account.promises.get('int-1')?.outcome).toBe('kept');
  });
});
