import { OrderedMap, Set as ImmutableSet } from 'immutable';
import { type PaymentTerms } from '../agreement/agreement';
import { type CollectionLevel, higherLevel, isClientFacing, type LadderLevel } from '../agreement/collections-ladder';
import { toMinor } from '../money/money';
import { type IsoDate, type IsoInstant } from '../shared/types';
import {
  type ClientAccountEvent,
  type EscalationTrigger,
  type LateInterestCharged,
  type ReminderLevel,
  type ReminderStatus,
} from './events';
import { feeReceivable } from './fee-receivables';
import { sameContent } from './same-content';

/**
 * The collections case of one client, folded from its stream: the process's own decisions (levels
 * and steps, charges, reminders, holds, tightened terms, the agency) and what holds it back (pauses,
 * open promises). One fold for both readers: the account shows its level, hold and pause; the
 * collections process decides nothing twice with it. Collections are persistent (immutable-js), so
 * folding a long stream stays linear.
 */
export interface CollectionsState {
  /** The highest ladder rung taken in the open case; `none` when there is none (back to `none` when resolved). */
  level: CollectionLevel;
  /** Every escalation ever decided, oldest first. */
  steps: CollectionsStep[];
  /** The rungs taken in the open case, in the order taken; emptied when it is resolved. */
  caseSteps: CaseStep[];
  /** A broken promise owes the next client-facing step; taking it settles the debt. */
  promiseBrokenStepOwed: boolean;
  /** The open case's handover to an agency, proposed and awaiting an admin, or rejected by one. */
  agencyHandover?: AgencyHandoverProposal;
  /** Every pause id ever used (a reused one is refused). */
  pauseIds: ImmutableSet<string>;
  /** The last manual pause, until resumed; in force through `until`, its last day (see `pauseInForce`). */
  pause?: { pauseId: string; until: IsoDate; reason: string };
  creditHold?: { trigger: EscalationTrigger; reason: string; placedAt: IsoInstant };
  /** The agreement's payment terms: a change of them (a renegotiation) lifts tightened terms. */
  agreedPaymentTerms?: PaymentTerms;
  /** Terms imposed by the collections process for new invoices, until the agreement's terms are renegotiated. */
  tightenedTerms?: { paymentTerms: PaymentTerms; ladderFactor: number; decidedAt: IsoInstant };
  /** Set while the open case is with the agency. */
  handedToAgency?: { invoiceIds: string[]; amount: bigint; decidedAt: IsoInstant };
  /** Per invoice: the late fee and the interest periods charged. Never reset: charges stay claimable. */
  charges: OrderedMap<string, ChargesOnInvoice>;
  openPromises: OrderedMap<string, OpenPromise>;
  /** Promises marked broken and not shown kept since (a payment booked late may still prove one kept). */
  brokenPromises: OrderedMap<string, BrokenPromise>;
  reminders: OrderedMap<string, ReminderRecord>;
  /** When the last case was resolved. */
  resolvedAt?: IsoInstant;
}

export interface CollectionsStep {
  level: CollectionLevel | 'account_review';
  trigger: EscalationTrigger;
  invoiceId?: string;
  decidedAt: IsoInstant;
}

/** A rung taken in the open case; a message's `at` is its send time, when it reached the client. */
export interface CaseStep {
  level: LadderLevel;
  at: IsoInstant;
  /** The final notice's last day to pay. */
  paymentDeadline?: IsoDate;
}

export interface AgencyHandoverProposal {
  status: 'proposed' | 'rejected';
  invoiceIds: string[];
  amount: bigint;
  proposedAt: IsoInstant;
}

export interface ChargesOnInvoice {
  lateFee?: { amount: bigint; chargedOn: IsoDate };
  /** In charge order; they never overlap. */
  interest: ChargedInterestPeriod[];
  /** Settled by payments (`FeesSettled`, less reversals) and dropped by waivers: see `feeReceivable`. */
  paid: { lateFee: bigint; interest: bigint };
  waived: { lateFee: bigint; interest: bigint };
}

/** `principal`: the base it was charged on (with capitalised interest under annual compounding). */
export type ChargedInterestPeriod = Pick<LateInterestCharged['data'], 'periodFrom' | 'periodTo' | 'compounding'> & {
  amount: bigint;
  principal: bigint;
};

export interface OpenPromise {
  interactionId: string;
  amount: bigint;
  promisedOn: IsoDate;
  madeAt: IsoInstant;
}

export interface BrokenPromise extends OpenPromise {
  brokenAt: IsoInstant;
}

export interface ReminderRecord {
  level: ReminderLevel;
  sendAt: IsoInstant;
  status: ReminderStatus;
}

export const initialCollections = (): CollectionsState => ({
  level: 'none',
  steps: [],
  caseSteps: [],
  promiseBrokenStepOwed: false,
  pauseIds: ImmutableSet(),
  charges: OrderedMap(),
  openPromises: OrderedMap(),
  brokenPromises: OrderedMap(),
  reminders: OrderedMap(),
});

const NO_CHARGES: ChargesOnInvoice = { interest: [], paid: { lateFee: 0n, interest: 0n }, waived: { lateFee: 0n, interest: 0n } };

/**
 * Folds one client-stream event into the case. Pure; events are facts, so nothing is validated here.
 * Generic so that a state carrying more (the collections process's) keeps it.
 */
export const evolveCollections = <State extends CollectionsState>(state: State, event: ClientAccountEvent): State => {
  switch (event.type) {
    case 'ClientRegistered':
      return { ...state, agreedPaymentTerms: event.data.agreement.paymentTerms };
    case 'AgreementChanged': {
      const { paymentTerms } = event.data.agreement;
      const renegotiated = !sameContent(paymentTerms, state.agreedPaymentTerms);
      return { ...state, agreedPaymentTerms: paymentTerms, ...(renegotiated && { tightenedTerms: undefined }) };
    }
    case 'PromiseToPayMade': {
      const { interactionId, promisedOn, madeAt } = event.data;
      const promise: OpenPromise = { interactionId, amount: toMinor(event.data.amount), promisedOn, madeAt };
      return { ...state, openPromises: state.openPromises.set(interactionId, promise) };
    }
    case 'PromiseKept': {
      const { interactionId, supersedes } = event.data;
      const kept = { ...state, openPromises: state.openPromises.delete(interactionId) };
      // Kept after all: the step its breaking owed is owed no more.
      return supersedes ? { ...kept, brokenPromises: state.brokenPromises.delete(interactionId), promiseBrokenStepOwed: false } : kept;
    }
    case 'PromiseBroken': {
      const { interactionId, decidedAt } = event.data;
      const promise = state.openPromises.get(interactionId);
      return {
        ...state,
        openPromises: state.openPromises.delete(interactionId),
        ...(promise && { brokenPromises: state.brokenPromises.set(interactionId, { ...promise, brokenAt: decidedAt }) }),
        promiseBrokenStepOwed: true,
      };
    }
    case 'CollectionsPaused': {
      const { pauseId, until, reason } = event.data;
      return { ...state, pauseIds: state.pauseIds.add(pauseId), pause: { pauseId, until, reason } };
    }
    case 'CollectionsResumed':
      return { ...state, pause: undefined };
    case 'CollectionsEscalated': {
      const { level, trigger, invoiceId, decidedAt } = event.data;
      const steps = [...state.steps, { level, trigger, ...(invoiceId !== undefined && { invoiceId }), decidedAt }];
      // An account review is a task beside the ladder, not a rung on it.
      if (level === 'account_review' || level === 'none') return { ...state, steps };
      return {
        ...state,
        steps,
        level: higherLevel(state.level, level),
        caseSteps: [...state.caseSteps, { level, at: decidedAt }],
        ...(isClientFacing(level) && { promiseBrokenStepOwed: false }),
      };
    }
    case 'ReminderScheduled': {
      const { reminderId, level, sendAt, paymentDeadline } = event.data;
      // The message is when its step reached the client: the time the next step is spaced from.
      const caseSteps = state.caseSteps.map((step) =>
        step.level === level ? { ...step, at: sendAt, ...(paymentDeadline !== undefined && { paymentDeadline }) } : step,
      );
      return { ...state, caseSteps, reminders: state.reminders.set(reminderId, { level, sendAt, status: 'scheduled' }) };
    }
    case 'ReminderDelivered':
      return withReminderStatus(state, event.data.reminderId, 'delivered');
    case 'ReminderDeliveryFailed':
      return withReminderStatus(state, event.data.reminderId, 'failed');
    case 'ReminderWithdrawn':
      return withReminderStatus(state, event.data.reminderId, 'withdrawn');
    case 'LateFeeCharged': {
      const { invoiceId, chargedOn } = event.data;
      return withCharges(state, invoiceId, (charges) => ({ ...charges, lateFee: { amount: toMinor(event.data.amount), chargedOn } }));
    }
    case 'LateInterestCharged': {
      const { invoiceId, periodFrom, periodTo, compounding } = event.data;
      const period = { periodFrom, periodTo, compounding, amount: toMinor(event.data.amount), principal: toMinor(event.data.principal) };
      return withCharges(state, invoiceId, (charges) => ({ ...charges, interest: [...charges.interest, period] }));
    }
    case 'FeesSettled': {
      const { invoiceId } = event.data;
      const [lateFee, interest] = [toMinor(event.data.lateFee), toMinor(event.data.interest)];
      return withCharges(state, invoiceId, (charges) => ({
        ...charges,
        paid: { lateFee: charges.paid.lateFee + lateFee, interest: charges.paid.interest + interest },
      }));
    }
    case 'PaymentReversed':
      return (event.data.feesRestored ?? []).reduce(
        (reversed, restored) =>
          withCharges(reversed, restored.invoiceId, (charges) => ({
            ...charges,
            paid: {
              lateFee: charges.paid.lateFee - toMinor(restored.lateFee),
              interest: charges.paid.interest - toMinor(restored.interest),
            },
          })),
        state,
      );
    case 'LateFeeWaived':
    case 'LateInterestWaived': {
      const amount = toMinor(event.data.amount);
      const part = event.type === 'LateFeeWaived' ? 'lateFee' : 'interest';
      return withCharges(state, event.data.invoiceId, (charges) => ({
        ...charges,
        waived: { ...charges.waived, [part]: charges.waived[part] + amount },
      }));
    }
    case 'CreditHoldPlaced': {
      const { trigger, reason, placedAt } = event.data;
      return { ...state, creditHold: { trigger, reason, placedAt } };
    }
    case 'CreditHoldReleased':
      return { ...state, creditHold: undefined };
    case 'TermsTightened': {
      const { paymentTerms, ladderFactor, decidedAt } = event.data;
      return { ...state, tightenedTerms: { paymentTerms, ladderFactor, decidedAt } };
    }
    case 'AgencyHandoverProposed': {
      const { invoiceIds, proposedAt } = event.data;
      const agencyHandover = { status: 'proposed' as const, invoiceIds, amount: toMinor(event.data.amount), proposedAt };
      return { ...state, agencyHandover, promiseBrokenStepOwed: false };
    }
    case 'AgencyHandoverRejected':
      return state.agencyHandover ? { ...state, agencyHandover: { ...state.agencyHandover, status: 'rejected' } } : state;
    case 'HandedToAgency': {
      const { invoiceIds, decidedAt } = event.data;
      // Approved by an admin, the handover follows no escalation of the process: it is the agency rung itself.
      const taken = state.caseSteps.some((step) => step.level === 'agency');
      return {
        ...state,
        level: 'agency',
        caseSteps: taken ? state.caseSteps : [...state.caseSteps, { level: 'agency', at: decidedAt }],
        handedToAgency: { invoiceIds, amount: toMinor(event.data.amount), decidedAt },
        agencyHandover: undefined,
        promiseBrokenStepOwed: false,
      };
    }
    case 'CollectionsResolved':
      // The case is closed; holds and tightened terms are lifted by their own events.
      return {
        ...state,
        level: 'none',
        caseSteps: [],
        promiseBrokenStepOwed: false,
        handedToAgency: undefined,
        agencyHandover: undefined,
        resolvedAt: event.data.decidedAt,
      };
    case 'CollectionsLevelCorrected': {
      const withdrawn = new Set(event.data.withdrawnSteps.map((step) => `${step.level}@${step.at}`));
      return {
        ...state,
        level: event.data.level,
        caseSteps: state.caseSteps.filter((step) => !withdrawn.has(`${step.level}@${step.at}`)),
      };
    }
    // Invoices, payments and disputes are the account's; the process reads them from its input.
    case 'InvoiceIssued':
    case 'PaymentReceived':
    case 'PaymentAllocated':
    case 'CreditApplied':
    case 'CreditNoteIssued':
    case 'InvoiceWrittenOff':
    case 'InteractionLogged':
    case 'DisputeRaised':
    case 'DisputeResolved':
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};

const withCharges = <State extends CollectionsState>(
  state: State,
  invoiceId: string,
  update: (charges: ChargesOnInvoice) => ChargesOnInvoice,
): State => ({ ...state, charges: state.charges.set(invoiceId, update(state.charges.get(invoiceId) ?? NO_CHARGES)) });

/** A status for a reminder the stream never scheduled is ignored: there is nothing to follow. */
const withReminderStatus = <State extends CollectionsState>(state: State, reminderId: string, status: ReminderStatus): State => {
  const reminder = state.reminders.get(reminderId);
  return reminder ? { ...state, reminders: state.reminders.set(reminderId, { ...reminder, status }) } : state;
};

/** What an agency collects for these invoices: their outstanding principal plus their outstanding fees and interest. */
export const agencyClaim = (
  invoices: readonly { invoiceId: string; outstanding: bigint }[],
  charges: CollectionsState['charges'],
): bigint =>
  invoices.reduce((total, invoice) => total + invoice.outstanding + feeReceivable(charges.get(invoice.invoiceId)).outstanding, 0n);

/** Last day interest has been charged for on an invoice, if any. */
export const interestChargedThrough = (state: Pick<CollectionsState, 'charges'>, invoiceId: string): IsoDate | undefined =>
  state.charges
    .get(invoiceId)
    ?.interest.map((period) => period.periodTo)
    .reduce<IsoDate | undefined>((latest, day) => (latest === undefined || day > latest ? day : latest), undefined);
