import { type BusinessHours, DEFAULT_BUSINESS_HOURS, DEFAULT_RESPONSE_TIME_BUSINESS_DAYS } from '../agreement/agreement';
import { type IsoDate, type IsoInstant, type MinorUnits } from '../shared/types';

/**
 * What a behaviour projection stores about one client account: facts only (amounts, dates), never
 * figures that depend on "now" — those are computed at read time (SPEC 4). Everything here is plain
 * JSON: amounts are minor units as decimal strings (`MinorUnits`, exactly as in the events), so the
 * facts go into jsonb unchanged; the figure functions turn them into bigint at the edge.
 * Calendar fields mirror the agreement, so the facts are also a `BusinessCalendar`.
 */
export interface BehaviourFacts {
  clientId: string;
  name: string;
  currency: string;
  timezone: string;
  businessHours: BusinessHours;
  holidays: IsoDate[];
  responseTimeBusinessDays: number;
  /** The agreed credit limit (`credit_limit_usage`); absent without one. */
  creditLimit?: MinorUnits;
  /** In issue order. */
  invoices: InvoiceFacts[];
  payments: PaymentFacts[];
  /** Outbound contacts that expect an answer (contacts with `expectsResponse: false` are not kept). */
  outboundContacts: OutboundContactFacts[];
  clientResponses: IsoInstant[];
  meetingsHeld: IsoInstant[];
  meetingsMissed: IsoInstant[];
  promises: PromiseFacts[];
  pricePushbacks: IsoInstant[];
  decisionMakerChanges: IsoInstant[];
}

export interface InvoiceFacts {
  invoiceId: string;
  amount: MinorUnits;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** Allocated payments and applied credit, net of reversals. */
  paid: MinorUnits;
  credited: MinorUnits;
  writtenOff: MinorUnits;
  /** amount − paid − credited − writtenOff, kept so that a projection can query it. */
  outstanding: MinorUnits;
  /**
   * The day the invoice became fully settled, when payments contributed and nothing was written off;
   * absent while anything is outstanding (a reversal reopens the invoice and clears it).
   */
  paidOn?: IsoDate;
  disputed: boolean;
  /** Issued during a credit hold: payable before the work starts. */
  prepaymentRequired?: true;
  /** Every change of the outstanding amount in recorded order; the history behind month-end AR (DSO, CEI). */
  settlements: SettlementFacts[];
}

export type SettlementKind = 'payment' | 'reversal' | 'credit_note' | 'write_off';

export interface SettlementFacts {
  on: IsoDate;
  kind: SettlementKind;
  /** Reduction of the outstanding amount; negative for a reversal. */
  amount: MinorUnits;
}

export interface PaymentFacts {
  paymentId: string;
  amount: MinorUnits;
  receivedOn: IsoDate;
  reversedOn?: IsoDate;
}

export interface OutboundContactFacts {
  interactionId: string;
  occurredAt: IsoInstant;
}

export interface PromiseFacts {
  interactionId: string;
  amount: MinorUnits;
  promisedOn: IsoDate;
  madeAt: IsoInstant;
  /** Set by a PromiseKept / PromiseBroken decision; without one, payments decide (see promises.ts). */
  outcome?: 'kept' | 'broken';
}

export const initialBehaviourFacts = (): BehaviourFacts => ({
  clientId: '',
  name: '',
  currency: '',
  timezone: 'UTC',
  businessHours: DEFAULT_BUSINESS_HOURS,
  holidays: [],
  responseTimeBusinessDays: DEFAULT_RESPONSE_TIME_BUSINESS_DAYS,
  invoices: [],
  payments: [],
  outboundContacts: [],
  clientResponses: [],
  meetingsHeld: [],
  meetingsMissed: [],
  promises: [],
  pricePushbacks: [],
  decisionMakerChanges: [],
});
