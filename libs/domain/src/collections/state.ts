import { DateTime } from 'luxon';
import { Agreement, PaymentTerms } from '../agreement/agreement';
import { localDate } from '../agreement/calendar';
import { ClientAccountEvent, CollectionLevel, EscalationTrigger, LateInterestCharged, ReminderStatus } from '../client-account/events';
import { withAnnouncedPolicy } from '../client-account/late-fee-policy';
import { sameContent } from '../client-account/same-content';
import { LateFeePolicyPeriod } from '../client-account/state';
import { toMinor } from '../money/money';
import { IsoDate, IsoInstant } from '../shared/types';

/**
 * What the collections process remembers about one client, folded from the client stream: its own
 * decisions (the case) plus the agreement facts it acts on. Everything a re-run needs to decide
 * nothing twice is here: levels taken, fees and interest periods charged, reminders scheduled.
 */
export interface CollectionsProcessState {
  clientId: string;
  currency: string;
  /** Absent until the client is registered. */
  agreement?: Agreement;
  /** Late-fee policy history, oldest first (see `lateFeePolicyInForce`). */
  lateFeePolicies: LateFeePolicyPeriod[];
  /** The ladder level of the open case; `none` when there is none (back to `none` when resolved). */
  level: CollectionLevel;
  /** Every escalation ever decided, oldest first. */
  steps: CollectionsStep[];
  /** A broken promise owes one rung up; the next ladder escalation settles it. */
  promiseBrokenStepOwed: boolean;
  /** Per invoice: the late fee and the interest periods charged. Never reset: charges stay claimable. */
  charges: ReadonlyMap<string, ChargesOnInvoice>;
  creditHold?: { trigger: EscalationTrigger; reason: string; placedAt: IsoInstant };
  /** Imposed on a high-risk client until the agreement's payment terms are renegotiated. */
  tightenedTerms?: { paymentTerms: PaymentTerms; ladderFactor: number; decidedAt: IsoInstant };
  /** Manual pause; in force while today < `until`. */
  pause?: { pauseId: string; until: IsoDate; reason: string };
  openPromises: ReadonlyMap<string, OpenPromise>;
  reminders: ReadonlyMap<string, ReminderRecord>;
  /** Set when the open case went to the agency. */
  handedToAgencyAt?: IsoInstant;
  /** When the last case was resolved. */
  resolvedAt?: IsoInstant;
}

export interface CollectionsStep {
  level: CollectionLevel | 'account_review';
  trigger: EscalationTrigger;
  invoiceId?: string;
  decidedAt: IsoInstant;
}

export interface ChargesOnInvoice {
  lateFee?: { amount: bigint; chargedOn: IsoDate };
  /** In charge order; they never overlap. */
  interest: ChargedInterestPeriod[];
}

export type ChargedInterestPeriod = Pick<LateInterestCharged['data'], 'periodFrom' | 'periodTo'> & { amount: bigint };

export interface OpenPromise {
  interactionId: string;
  amount: bigint;
  promisedOn: IsoDate;
  madeAt: IsoInstant;
}

export interface ReminderRecord {
  level: CollectionLevel;
  sendAt: IsoInstant;
  status: ReminderStatus;
}

export const initialCollectionsState = (): CollectionsProcessState => ({
  clientId: '',
  currency: '',
  lateFeePolicies: [],
  level: 'none',
  steps: [],
  promiseBrokenStepOwed: false,
  charges: new Map(),
  openPromises: new Map(),
  reminders: new Map(),
});

const NO_CHARGES: ChargesOnInvoice = { interest: [] };

const withCharges = (
  state: CollectionsProcessState,
  invoiceId: string,
  update: (charges: ChargesOnInvoice) => ChargesOnInvoice,
): CollectionsProcessState => ({
  ...state,
  charges: new Map(state.charges).set(invoiceId, update(state.charges.get(invoiceId) ?? NO_CHARGES)),
});

const withReminderStatus = (
  state: CollectionsProcessState,
  reminderId: string,
  status: ReminderRecord['status'],
): CollectionsProcessState => {
  const reminder = state.reminders.get(reminderId);
  return reminder ? { ...state, reminders: new Map(state.reminders).set(reminderId, { ...reminder, status }) } : state;
};

const withoutPromise = (state: CollectionsProcessState, interactionId: string): CollectionsProcessState => {
  const openPromises = new Map(state.openPromises);
  openPromises.delete(interactionId);
  return { ...state, openPromises };
};

/** Folds one client-stream event. Pure; events are facts, so nothing is validated here. */
export const evolveCollectionsState = (state: CollectionsProcessState, event: ClientAccountEvent): CollectionsProcessState => {
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, currency, agreement } = event.data;
      return {
        ...state,
        clientId,
        currency,
        agreement,
        lateFeePolicies: [{ ...(agreement.lateFeePolicy && { policy: agreement.lateFeePolicy }) }],
      };
    }
    case 'AgreementChanged': {
      const { agreement, announcedAt, lateFeePolicyEffectiveFrom } = event.data;
      const previous = state.agreement;
      const announcedOn = localDate(DateTime.fromISO(announcedAt), previous?.timezone ?? agreement.timezone);
      const termsRenegotiated = !sameContent(agreement.paymentTerms, previous?.paymentTerms);
      return {
        ...state,
        agreement,
        // Only an announced change (with its effective date) moves the fee policy: never by surprise.
        lateFeePolicies:
          lateFeePolicyEffectiveFrom === undefined
            ? state.lateFeePolicies
            : withAnnouncedPolicy(state.lateFeePolicies, announcedOn, {
                effectiveFrom: lateFeePolicyEffectiveFrom,
                policy: agreement.lateFeePolicy,
              }),
        tightenedTerms: termsRenegotiated ? undefined : state.tightenedTerms,
      };
    }
    case 'PromiseToPayMade': {
      const { interactionId, promisedOn, madeAt } = event.data;
      return {
        ...state,
        openPromises: new Map(state.openPromises).set(interactionId, {
          interactionId,
          amount: toMinor(event.data.amount),
          promisedOn,
          madeAt,
        }),
      };
    }
    case 'PromiseKept':
      return withoutPromise(state, event.data.interactionId);
    case 'PromiseBroken':
      return { ...withoutPromise(state, event.data.interactionId), promiseBrokenStepOwed: true };
    case 'CollectionsPaused': {
      const { pauseId, until, reason } = event.data;
      return { ...state, pause: { pauseId, until, reason } };
    }
    case 'CollectionsResumed':
      return { ...state, pause: undefined };
    case 'CollectionsEscalated': {
      const { level, trigger, invoiceId, decidedAt } = event.data;
      const step: CollectionsStep = { level, trigger, ...(invoiceId !== undefined && { invoiceId }), decidedAt };
      // An account review is a task beside the ladder, not a rung on it.
      return level === 'account_review'
        ? { ...state, steps: [...state.steps, step] }
        : { ...state, steps: [...state.steps, step], level, promiseBrokenStepOwed: false };
    }
    case 'ReminderScheduled': {
      const { reminderId, level, sendAt } = event.data;
      return { ...state, reminders: new Map(state.reminders).set(reminderId, { level, sendAt, status: 'scheduled' }) };
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
      const { invoiceId, periodFrom, periodTo } = event.data;
      return withCharges(state, invoiceId, (charges) => ({
        ...charges,
        interest: [...charges.interest, { periodFrom, periodTo, amount: toMinor(event.data.amount) }],
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
    case 'HandedToAgency':
      return { ...state, handedToAgencyAt: event.data.decidedAt };
    case 'CollectionsResolved':
      return { ...state, level: 'none', promiseBrokenStepOwed: false, handedToAgencyAt: undefined, resolvedAt: event.data.decidedAt };
    // Invoices, payments and disputes reach the process through its `account` input.
    case 'InvoiceIssued':
    case 'PaymentReceived':
    case 'PaymentAllocated':
    case 'CreditApplied':
    case 'PaymentReversed':
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

/** Last day interest has been charged for on an invoice, if any. */
export const interestChargedThrough = (state: CollectionsProcessState, invoiceId: string): IsoDate | undefined =>
  state.charges
    .get(invoiceId)
    ?.interest.map((period) => period.periodTo)
    .reduce<IsoDate | undefined>((latest, day) => (latest === undefined || day > latest ? day : latest), undefined);
