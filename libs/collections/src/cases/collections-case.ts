import { type DateTime } from 'luxon';
import {
  addDays,
  type CollectionLevel,
  type CollectionsPolicy,
  type CollectionsStep,
  formatMinorUnits,
  type IsoDate,
  type IsoInstant,
  localDate,
  pauseInForce,
  type PaymentTerms,
  type ReminderRecord,
  type RiskLevel,
  type TrendDirection,
} from '@settle/domain';
import { type CollectionsSubject } from '../collections-subject';
import { type ClientAssessment } from '../process/client-assessment';
import { type NextStep, nextStep } from './next-step';
import { awaitingPrepayment } from './prepayment';

/** Amounts are major-unit decimal strings of the account currency, as everywhere in the API. */
export interface CollectionsCase {
  clientId: string;
  currency: string;
  asOf: IsoInstant;
  level: CollectionLevel;
  /** `none`: nothing to collect; `paused`: a manual pause or an open promise holds escalation. */
  status: 'none' | 'open' | 'paused' | 'with_agency';
  /** 1, or the factor the thresholds are scaled by since terms were tightened. */
  ladderFactor: number;
  /** Every escalation ever decided, oldest first. */
  steps: CollectionsStep[];
  nextStep: NextStep | null;
  pause: { pauseId: string; until: IsoDate; reason: string } | null;
  promises: { interactionId: string; amount: string; promisedOn: IsoDate; madeAt: IsoInstant; holdsUntil: IsoDate }[];
  /** Invoices out of the ladder while their dispute is open. */
  disputedInvoices: string[];
  creditHold: { trigger: string; reason: string; placedAt: IsoInstant } | null;
  /** Invoices issued during a credit hold and still open: payable before the work starts. */
  prepaymentRequired: string[];
  tightenedTerms: { paymentTerms: PaymentTerms; ladderFactor: number; decidedAt: IsoInstant } | null;
  handedToAgencyAt: IsoInstant | null;
  resolvedAt: IsoInstant | null;
  reminders: ({ reminderId: string } & ReminderRecord)[];
  charges: {
    lateFees: string;
    interest: string;
    total: string;
    invoices: {
      invoiceId: string;
      lateFee: string | null;
      interest: string;
      interestPeriods: { periodFrom: IsoDate; periodTo: IsoDate; amount: string }[];
    }[];
  };
  risk: { riskLevel: RiskLevel; riskScore: number; trend: TrendDirection };
}

/** The collections case of one client at `now` (SPEC 7 `GET /clients/{id}/collections`). */
export const collectionsCase = (
  subject: CollectionsSubject,
  assessment: ClientAssessment,
  now: DateTime,
  policy: CollectionsPolicy,
): CollectionsCase => {
  const { collections: state, facts } = subject;
  const money = (minor: bigint) => formatMinorUnits(minor, state.currency);
  const today = localDate(now, state.agreement?.timezone ?? 'UTC');
  const pause = pauseInForce(state.pause, today);
  const charged = [...state.charges.entries()].map(([invoiceId, charges]) => ({
    invoiceId,
    lateFee: charges.lateFee?.amount ?? 0n,
    periods: charges.interest,
    interest: charges.interest.reduce((sum, period) => sum + period.amount, 0n),
  }));
  const lateFees = charged.reduce((sum, invoice) => sum + invoice.lateFee, 0n);
  const interest = charged.reduce((sum, invoice) => sum + invoice.interest, 0n);
  return {
    clientId: state.clientId,
    currency: state.currency,
    asOf: now.toUTC().toISO()!,
    level: state.level,
    status: caseStatus(subject, Boolean(pause)),
    ladderFactor: state.tightenedTerms?.ladderFactor ?? 1,
    steps: state.steps,
    nextStep: nextStep(subject, now, policy),
    pause: pause ?? null,
    promises: [...state.openPromises.values()].map((promise) => ({
      interactionId: promise.interactionId,
      amount: money(promise.amount),
      promisedOn: promise.promisedOn,
      madeAt: promise.madeAt,
      holdsUntil: addDays(promise.promisedOn, policy.promiseGraceDays),
    })),
    disputedInvoices: facts.invoices.filter((invoice) => invoice.disputed).map((invoice) => invoice.invoiceId),
    creditHold: state.creditHold ?? null,
    prepaymentRequired: awaitingPrepayment(facts.invoices).map((invoice) => invoice.invoiceId),
    tightenedTerms: state.tightenedTerms ?? null,
    handedToAgencyAt: state.handedToAgency?.decidedAt ?? null,
    resolvedAt: state.resolvedAt ?? null,
    reminders: [...state.reminders.entries()].map(([reminderId, reminder]) => ({ reminderId, ...reminder })),
    charges: {
      lateFees: money(lateFees),
      interest: money(interest),
      total: money(lateFees + interest),
      invoices: charged.map((invoice) => ({
        invoiceId: invoice.invoiceId,
        lateFee: invoice.lateFee > 0n ? money(invoice.lateFee) : null,
        interest: money(invoice.interest),
        interestPeriods: invoice.periods.map((period) => ({
          periodFrom: period.periodFrom,
          periodTo: period.periodTo,
          amount: money(period.amount),
        })),
      })),
    },
    risk: {
      riskLevel: assessment.solvency.riskLevel,
      riskScore: assessment.solvency.riskScore,
      trend: assessment.behaviour.trend.direction,
    },
  };
};

const caseStatus = ({ collections: state }: CollectionsSubject, paused: boolean): CollectionsCase['status'] => {
  if (state.handedToAgency) return 'with_agency';
  if (state.level === 'none') return 'none';
  return paused || state.openPromises.size > 0 ? 'paused' : 'open';
};
