import { type OrderedMap, type Set as ImmutableSet } from 'immutable';
import { type Agreement, type LateFeePolicy } from '../agreement/agreement';
import { type CollectionsState } from './collections-state';
import { type IsoDate, type IsoInstant } from '../shared/types';

/**
 * Everything the decider needs to know about one client account, folded from its stream. Collections
 * are persistent (immutable-js): `evolve` stays pure and adding to them costs O(log n), not a copy,
 * so folding a long stream is linear.
 */
export type ClientAccountState = UnregisteredAccount | RegisteredAccount;

export interface UnregisteredAccount {
  status: 'unregistered';
}

export interface RegisteredAccount {
  status: 'registered';
  clientId: string;
  name: string;
  currency: string;
  /** The agreement as last announced (its late-fee policy may not be in force yet: see `lateFeePolicies`). */
  agreement: Agreement;
  registeredAt: IsoInstant;
  /** Late-fee policy history, oldest first; see `lateFeePolicyOn`. */
  lateFeePolicies: LateFeePolicyPeriod[];
  /** In issue order. */
  invoices: OrderedMap<string, InvoiceState>;
  /** In receipt-recording order. */
  payments: OrderedMap<string, PaymentState>;
  creditNoteIds: ImmutableSet<string>;
  /** Fee waivers recorded (`LateFeeWaived`, `LateInterestWaived`): a reused waiver id is refused. */
  waiverIds: ImmutableSet<string>;
  interactionIds: ImmutableSet<string>;
  promises: OrderedMap<string, PromiseState>;
  collections: CollectionsState;
}

export interface LateFeePolicyPeriod {
  /** First local date the policy applies; absent for the policy agreed at registration. */
  effectiveFrom?: IsoDate;
  /** Absent: no late fees or interest. */
  policy?: LateFeePolicy;
}

/** Amounts in minor units. `outstanding = amount − paid − credited − writtenOff`, never negative. */
export interface InvoiceState {
  invoiceId: string;
  amount: bigint;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  reference?: string;
  description?: string;
  /** Issued during a credit hold: due on receipt, payable before the work starts. */
  prepaymentRequired?: true;
  /** Allocations and credit applications, less what reversals undid. */
  paid: bigint;
  credited: bigint;
  writtenOff: bigint;
  outstanding: bigint;
  /** The date the outstanding reached zero with something paid and nothing written off; cleared when it reopens. */
  paidOn?: IsoDate;
  /** Present while a dispute on this invoice is open. */
  openDispute?: { interactionId: string; reason: string; raisedAt: IsoInstant };
  /** Late fees and interest charged by the collections process: claimable on top of the principal (receivable: `feeReceivable`). */
  charges: InvoiceCharges;
}

export interface InvoiceCharges {
  lateFees: bigint;
  interest: bigint;
  lateFeeChargedOn?: IsoDate;
  /** Last day interest has been charged for; the next period starts the day after. */
  interestChargedThrough?: IsoDate;
}

export interface PaymentApplication {
  invoiceId: string;
  amount: bigint;
  /** `allocation` when the payment was recorded, `credit` when its unapplied rest settled a later invoice. */
  via: 'allocation' | 'credit';
}

export interface PaymentState {
  paymentId: string;
  amount: bigint;
  receivedOn: IsoDate;
  applications: PaymentApplication[];
  /** Late fees and interest the payment settled (`FeesSettled`): a reversal owes them again. */
  feeSettlements: { invoiceId: string; lateFee: bigint; interest: bigint }[];
  /** Not yet applied to any invoice: the client's credit. */
  unapplied: bigint;
  reversed?: { reversedOn: IsoDate; reason: string };
}

export interface PromiseState {
  interactionId: string;
  amount: bigint;
  promisedOn: IsoDate;
  madeAt: IsoInstant;
  outcome: 'open' | 'kept' | 'broken';
}

export const initialState = (): ClientAccountState => ({ status: 'unregistered' });
