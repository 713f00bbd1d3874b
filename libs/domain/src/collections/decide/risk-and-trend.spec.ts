import { DateTime } from 'luxon';
import { type ClientAccountEvent } from '../../client-account/events';
import { clientEvent, clientRegistered } from '../../client-account/testing/client-account-fixtures';
import { type EscalateCollections } from '../commands';
import { type CollectionsRunOptions, commandTypes, runCollections } from '../testing/collections-run';

/**
 * given (a client whose invoices are all paid or not yet due) / when (the process runs with the
 * engagement and payment changes given) / then (the review it opens, or none).
 */
const ZONE = 'Europe/Amsterdam';
const at = (date: string): string => DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toISO() as string;
const GIVEN: ClientAccountEvent[] = [
  clientRegistered({ agreement: { timezone: ZONE } }),
  clientEvent('InvoiceIssued', { invoiceId: 'INV-1', amount: '100000', currency: 'EUR', issuedOn: '2026-03-02', dueOn: '2026-04-01' }),
];
const when = (history: readonly ClientAccountEvent[], date: string, options: Omit<CollectionsRunOptions, 'now'>) =>
  runCollections(history, { ...options, now: at(date) });

const QUIET = {
  alarm: true,
  points: 29,
  detail: 'In the last 120 days 3 of 3 contacts went unanswered (usually 8 %: 2.3 beyond that) and 1 of 1 meetings were missed.',
};

describe('decideRiskAndTrend — the engagement trigger', () => {
  it('given nothing late, when engagement drops well below the client’s own baseline, then an account review, trigger engagement', () => {
    const run = when(GIVEN, '2026-03-16', { engagementChange: QUIET });
    expect(commandTypes(run)).toEqual(['EscalateCollections:account_review']);
    expect(run.commands[0] as EscalateCollections).toMatchObject({
      level: 'account_review',
      trigger: 'engagement',
      figures: { riskLevel: 'low', engagementChangePoints: 29, engagementChange: QUIET.detail },
    });
  });

  it('given an engagement review, when engagement stays low, then no second review within the interval', () => {
    const first = when(GIVEN, '2026-03-16', { engagementChange: QUIET });
    expect(when(first.history, '2026-03-30', { engagementChange: QUIET }).commands).toEqual([]);
  });

  it('given engagement below the alarm, when the process runs, then no review', () => {
    expect(when(GIVEN, '2026-03-16', { engagementChange: { ...QUIET, alarm: false, points: 12 } }).commands).toEqual([]);
  });

  it('given medium risk and a deteriorating trend, when the payments are no later than this client usually pays, then no trend review', () => {
    const lateAsUsual = { solvency: { riskLevel: 'medium' as const, riskScore: 35 }, trend: { direction: 'deteriorating' as const } };
    expect(when(GIVEN, '2026-03-16', { ...lateAsUsual, paymentChange: { points: 0, confirmsDecline: false } }).commands).toEqual([]);
    const later = when(GIVEN, '2026-03-16', { ...lateAsUsual, paymentChange: { points: 16, confirmsDecline: true } });
    expect(later.commands[0]).toMatchObject({ trigger: 'trend', figures: { paymentChangePoints: 16 } });
  });

  it('given a new client with no baseline yet, when risk is medium and the trend deteriorating, then the review waits until its payments are late again and again', () => {
    const newClient = { solvency: { riskLevel: 'medium' as const, riskScore: 35 }, trend: { direction: 'deteriorating' as const } };
    // one or two bad months (a holiday, a seasonal business's first summer): not yet a decline
    expect(when(GIVEN, '2026-03-16', { ...newClient, paymentChange: { points: 0, confirmsDecline: false } }).commands).toEqual([]);
    const persistent = when(GIVEN, '2026-03-16', { ...newClient, paymentChange: { points: 0, confirmsDecline: true } });
    expect(persistent.commands[0]).toMatchObject({ trigger: 'trend' });
  });

  it('given low risk and no deteriorating trend, when payments go well beyond the client’s baseline (the payment alarm), then a review, trigger trend', () => {
    const run = when(GIVEN, '2026-03-16', { paymentChange: { points: 20, confirmsDecline: true, alarm: true } });
    expect(commandTypes(run)).toEqual(['EscalateCollections:account_review']);
    expect(run.commands[0]).toMatchObject({ trigger: 'trend', figures: { riskLevel: 'low', paymentChangePoints: 20 } });
  });

  it('given payments beyond the baseline but below the alarm, when risk is low, then no review', () => {
    expect(when(GIVEN, '2026-03-16', { paymentChange: { points: 8, confirmsDecline: true, alarm: false } }).commands).toEqual([]);
  });

  it('given both, when the process runs, then one review, the trend’s', () => {
    const run = when(GIVEN, '2026-03-16', {
      solvency: { riskLevel: 'medium', riskScore: 40 },
      trend: { direction: 'deteriorating' },
      paymentChange: { points: 8, confirmsDecline: true },
      engagementChange: QUIET,
    });
    expect(commandTypes(run)).toEqual(['EscalateCollections:account_review']);
    expect(run.commands[0]).toMatchObject({ trigger: 'trend' });
  });
});
