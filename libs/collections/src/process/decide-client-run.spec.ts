import { DateTime } from 'luxon';
import { DEFAULT_COLLECTIONS_POLICY } from '@settle/domain';
import { clientEvent, invoiceIssued, registered, subjectOf, ZONE } from '../testing/subjects';
import { decideClientRun } from './decide-client-run';

const now = DateTime.fromISO('2026-03-16T10:00', { zone: ZONE });
const unanswered = Array.from({ length: 8 }, (_, index) =>
  clientEvent('InteractionLogged', {
    interactionId: `C-${index}`,
    kind: 'outbound_contact',
    channel: 'email',
    occurredAt: `2026-02-0${index + 1}T09:00:00.000Z`,
  }),
);
const missed = Array.from({ length: 3 }, (_, index) =>
  clientEvent('InteractionLogged', {
    interactionId: `M-${index}`,
    kind: 'meeting_missed',
    occurredAt: `2026-03-0${index + 1}T09:00:00.000Z`,
  }),
);
const brokenPromises = ['P-1', 'P-2', 'P-3'].flatMap((interactionId, index) => [
  clientEvent('PromiseToPayMade', {
    interactionId,
    amount: '10000',
    promisedOn: `2026-03-0${index + 2}`,
    madeAt: `2026-03-0${index + 1}T09:00:00.000Z`,
  }),
  clientEvent('PromiseBroken', {
    interactionId,
    amount: '10000',
    paid: '0',
    promisedOn: `2026-03-0${index + 2}`,
    decidedAt: `2026-03-0${index + 3}T09:00:00.000Z`,
  }),
]);
const newDecisionMaker = clientEvent('InteractionLogged', {
  interactionId: 'D-1',
  kind: 'decision_maker_changed',
  occurredAt: '2026-03-10T09:00:00.000Z',
  newContact: { name: 'Bo New' },
});
const run = (events: Parameters<typeof subjectOf>[0]) =>
  decideClientRun({ subject: subjectOf(events), now, policy: DEFAULT_COLLECTIONS_POLICY });

describe("decideClientRun (one client's run, as the cycle records it)", () => {
  it('decides nothing for a stream without a registered client', () => {
    expect(run([])).toEqual({ decided: [] });
  });

  it('assesses the client and turns each command into its events, with the command id and JSON content to record', () => {
    const { decided, assessment } = run([registered, invoiceIssued('INV-1', '100000', '2026-02-20')]);
    expect(assessment?.behaviour.oldestOverdueDays).toBe(24);
    // 24 days past due, first seen: the call rung (14) with the fee, and the client-facing steps start at the reminder.
    expect(decided.map((command) => command.type)).toEqual([
      'EscalateCollections',
      'ScheduleReminder',
      'EscalateCollections',
      'ChargeLateFee',
      'ChargeLateInterest',
    ]);
    expect(decided[3]).toMatchObject({
      commandId: 'collections:acme:charge-late-fee:INV-1',
      events: [{ type: 'LateFeeCharged', data: { amount: '4000' } }],
    });
    // bigint amounts become strings, so the content can be hashed and compared with what was recorded.
    expect(decided[3].content).toMatchObject({ type: 'ChargeLateFee', amount: '4000' });
    expect(JSON.stringify(decided.map((command) => command.content))).not.toMatch(/undefined/);
  });

  it('records the figures behind tightened terms and a risk hold', () => {
    // Overdue exposure 18 (1,000.00 is 1.8 months of invoicing), unanswered mails 15, broken promises 15, missed meetings 10,
    // PAYDEX 58 → 6, 24 days past due 6, a new decision maker 5: 75, critical.
    const history = [
      registered,
      invoiceIssued('INV-1', '100000', '2026-02-20'),
      ...unanswered,
      ...missed,
      ...brokenPromises,
      newDecisionMaker,
    ];
    const { decided, assessment } = run(history);
    expect(assessment?.solvency.riskScore).toBe(75);
    expect(assessment?.solvency.riskLevel).toBe('critical');
    const events = decided.flatMap((command) => command.events);
    const tightened = events.find((event) => event.type === 'TermsTightened');
    const hold = events.find((event) => event.type === 'CreditHoldPlaced');
    const figures = { riskLevel: 'critical', riskScore: assessment!.solvency.riskScore, oldestOverdueDays: 24, overdueAmount: '100000' };
    expect(tightened?.data).toMatchObject({ trigger: 'risk', figures });
    expect(hold?.data).toMatchObject({ figures });
  });
});
