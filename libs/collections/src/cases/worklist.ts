import { DateTime } from 'luxon';
import {
  type AccountManager,
  addDays,
  type CollectionLevel,
  type CollectionsPolicy,
  type Contact,
  formatMinorUnits,
  type IsoInstant,
  levelRank,
  localDate,
  promiseStanding,
  type RiskLevel,
  toMinor,
  type TrendDirection,
} from '@settle/domain';
import { type CollectionsSubject } from '../collections-subject';
import { awaitingPrepayment } from './prepayment';
import { type ClientAssessment } from '../process/client-assessment';
import { type NextStep, nextStep } from './next-step';

export type WorklistActionCode =
  | 'approve_agency_handover'
  | 'review_account'
  | 'call_client'
  | 'promise_due'
  | 'resolve_dispute'
  | 'credit_hold'
  | 'prepayment_required'
  | 'final_notice'
  | 'agency_follow_up'
  | 'watch_risk';

export interface WorklistAction {
  code: WorklistActionCode;
  detail: string;
}

export interface WorklistEntry {
  clientId: string;
  name: string;
  currency: string;
  /** A handover to an agency the process proposed waits for an admin: on top of the list. */
  awaitingApproval: boolean;
  /** Deteriorating trend at high or critical risk: the client whose business is going south (seed 000, mistake 3). */
  goingSouth: boolean;
  riskLevel: RiskLevel;
  riskScore: number;
  trend: TrendDirection;
  level: CollectionLevel;
  overdue: string;
  oldestOverdueDays: number;
  creditHold: boolean;
  actions: WorklistAction[];
  nextStep: NextStep | null;
  contact: Contact;
  accountManager: AccountManager | null;
}

const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** What a collector should do about one client today; undefined when nothing. */
export const worklistEntry = (
  subject: CollectionsSubject,
  assessment: ClientAssessment,
  now: DateTime,
  policy: CollectionsPolicy,
): WorklistEntry | undefined => {
  const { collections: state, facts } = subject;
  const agreement = state.agreement;
  if (!agreement) return undefined;
  const { behaviour, solvency } = assessment;
  const actions = actionsFor(subject, assessment, now, policy);
  if (actions.length === 0) return undefined;
  return {
    clientId: state.clientId,
    name: facts.name,
    currency: state.currency,
    awaitingApproval: actions.some((action) => action.code === 'approve_agency_handover'),
    goingSouth: behaviour.trend.direction === 'deteriorating' && RISK_RANK[solvency.riskLevel] >= RISK_RANK.high,
    riskLevel: solvency.riskLevel,
    riskScore: solvency.riskScore,
    trend: behaviour.trend.direction,
    level: state.level,
    overdue: formatMinorUnits(behaviour.overdue, state.currency),
    oldestOverdueDays: behaviour.oldestOverdueDays,
    creditHold: Boolean(state.creditHold),
    actions,
    nextStep: nextStep(subject, now, policy),
    contact: agreement.contact,
    accountManager: agreement.accountManager ?? null,
  };
};

/**
 * Most urgent first: handovers awaiting an admin's approval, clients going south, then by risk level, ladder level, days past due of the
 * oldest overdue invoice and risk score (ties by client id, so the order is stable).
 */
export const byUrgency = (a: WorklistEntry, b: WorklistEntry): number =>
  Number(b.awaitingApproval) - Number(a.awaitingApproval) ||
  Number(b.goingSouth) - Number(a.goingSouth) ||
  RISK_RANK[b.riskLevel] - RISK_RANK[a.riskLevel] ||
  levelRank(b.level) - levelRank(a.level) ||
  b.oldestOverdueDays - a.oldestOverdueDays ||
  b.riskScore - a.riskScore ||
  a.clientId.localeCompare(b.clientId);

/**
 * Each action while its reason stands, worded with today's figures: a call, a final notice or the
 * agency's follow-up while something is overdue; a promise until the payments keep it; a dispute while
 * the disputed invoice is open; a handover while what it would hand over is unpaid.
 */
const actionsFor = (
  subject: CollectionsSubject,
  { behaviour, solvency }: ClientAssessment,
  now: DateTime,
  policy: CollectionsPolicy,
): WorklistAction[] => {
  const { collections: state, facts } = subject;
  const agreement = state.agreement!;
  const today = localDate(now, agreement.timezone);
  const contact = agreement.contact;
  const money = (minor: bigint) => `${state.currency} ${formatMinorUnits(minor, state.currency)}`;
  const overdue = behaviour.overdue > 0n ? `${money(behaviour.overdue)} overdue, ${behaviour.oldestOverdueDays} days past due` : undefined;
  const lastReview = [...state.steps].reverse().find((step) => step.level === 'account_review');
  // The open case's call task (a rung at or above `call`): a resolved case's steps ask for nothing.
  const lastCall = [...state.caseSteps].reverse().find((step) => levelRank(step.level) >= levelRank('call'));
  const accountSettled = facts.invoices.every((invoice) => toMinor(invoice.outstanding) === 0n);
  const promisesDue = [...state.openPromises.values()]
    .filter((promise) => addDays(promise.promisedOn, policy.promiseGraceDays) <= today)
    .map((promise) => ({
      promise,
      standing: promiseStanding(promise, facts.payments, {
        today,
        timezone: agreement.timezone,
        graceDays: policy.promiseGraceDays,
        accountSettled,
      }),
    }))
    .filter(({ standing }) => standing.outcome !== 'kept');
  const disputed = facts.invoices.filter((invoice) => invoice.disputed && toMinor(invoice.outstanding) > 0n);
  const proposal = state.agencyHandover?.status === 'proposed' ? state.agencyHandover : undefined;
  const unpaidOfProposal = facts.invoices
    .filter((invoice) => proposal?.invoiceIds.includes(invoice.invoiceId))
    .reduce((total, invoice) => total + toMinor(invoice.outstanding), 0n);
  const actions: WorklistAction[] = [
    ...(proposal && unpaidOfProposal > 0n
      ? [
          {
            code: 'approve_agency_handover' as const,
            detail: `Approve or reject the handover of ${proposal.invoiceIds.join(', ')} (${money(proposal.amount)}, of which ${money(unpaidOfProposal)} principal unpaid today) to a collection agency, proposed ${proposal.proposedAt}: the final notice's deadline passed unpaid.`,
          },
        ]
      : []),
    ...(lastReview && !contactedSince(subject, lastReview.decidedAt, { ourContactCounts: false })
      ? [
          {
            code: 'review_account' as const,
            detail: `Payments are ${behaviour.trend.direction} at ${solvency.riskLevel} risk: talk to the decision maker and find a champion.`,
          },
        ]
      : []),
    ...(overdue && lastCall && state.level !== 'agency' && !contactedSince(subject, lastCall.at, { ourContactCounts: true })
      ? [
          {
            code: 'call_client' as const,
            detail: `Call ${contact.name}${contact.phone ? ` (${contact.phone})` : ''} about ${overdue}.`,
          },
        ]
      : []),
    ...promisesDue.map(({ promise, standing }) => ({
      code: 'promise_due' as const,
      detail: `Promise to pay ${money(promise.amount)} by ${promise.promisedOn}: ${money(standing.paid)} received since it was made; check the payment.`,
    })),
    ...disputed.map((invoice) => ({
      code: 'resolve_dispute' as const,
      detail: `Invoice ${invoice.invoiceId} (${money(toMinor(invoice.outstanding))} outstanding) is disputed: resolve it to resume collection.`,
    })),
    ...(state.creditHold
      ? [{ code: 'credit_hold' as const, detail: `Credit hold (${state.creditHold.trigger}): no new work; new invoices need prepayment.` }]
      : []),
    ...awaitingPrepayment(facts.invoices).map((invoice) => ({
      code: 'prepayment_required' as const,
      detail: `Invoice ${invoice.invoiceId} (${state.currency} ${formatMinorUnits(toMinor(invoice.outstanding), state.currency)} open) was issued during the credit hold: collect payment before the work starts.`,
    })),
    ...(overdue && state.level === 'final_notice'
      ? [{ code: 'final_notice' as const, detail: `Final notice sent: prepare the service suspension; ${overdue}.` }]
      : []),
    ...(overdue && state.level === 'agency'
      ? [
          {
            code: 'agency_follow_up' as const,
            detail: `With the collection agency since ${state.handedToAgency?.decidedAt ?? 'n/a'}; ${overdue}.`,
          },
        ]
      : []),
  ];
  if (actions.length === 0 && RISK_RANK[solvency.riskLevel] >= RISK_RANK.high) {
    actions.push({
      code: 'watch_risk',
      detail: `Risk ${solvency.riskLevel} (score ${solvency.riskScore}): ${solvency.factors[0]?.detail ?? ''}`.trim(),
    });
  }
  return actions;
};

/**
 * Whether a task decided at `since` is done: a call once we reached out, heard from the client or got
 * a promise to pay (the conversation the call was for; a broken promise escalates and asks again);
 * an account review only once the client answered or a meeting was held (a mail nobody answers is no review).
 */
const contactedSince = ({ facts }: CollectionsSubject, since: IsoInstant, { ourContactCounts }: { ourContactCounts: boolean }): boolean => {
  const from = DateTime.fromISO(since);
  const contacts = [
    ...facts.clientResponses,
    ...facts.meetingsHeld,
    ...(ourContactCounts
      ? [...facts.outboundContacts.map((contact) => contact.occurredAt), ...facts.promises.map((promise) => promise.madeAt)]
      : []),
  ];
  return contacts.some((at) => DateTime.fromISO(at) > from);
};
