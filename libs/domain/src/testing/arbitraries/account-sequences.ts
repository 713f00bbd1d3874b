import fc from 'fast-check';

/**
 * Random histories of one client account for property tests (fast-check). A sequence is abstract:
 * amounts in minor units, dates as "days ago" / "in N days" from the moving clock, invoices and
 * payments named by a `pick` that `simulateAccount` resolves against the account as it stands. So
 * every generated command looks valid (it names what exists, dates are not in the future) and most
 * are accepted, while shrinking keeps working on plain numbers. Some are meant to be refused: an
 * over-allocation, a credit above the outstanding amount, a reused id, a pause that ends today…
 */

export const CURRENCIES = ['EUR', 'JPY', 'KWD'] as const;
export const TIMEZONES = ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata'] as const;

export type TermsChoice = { type: 'net'; days: number } | { type: 'due_on_receipt' } | { type: 'end_of_month'; days: number };

/** A late-fee policy with its amounts in minor units (formatted in the account's currency when used). */
export interface PolicyChoice {
  fixedFeeMinor?: number;
  /** Hundredths of a percent per year: 1050 is "10.50". */
  rateHundredths?: number;
  compounding: 'simple' | 'annual';
  graceDays: number;
}

export interface AgreementChoice {
  terms: TermsChoice;
  timezone: (typeof TIMEZONES)[number];
  policy?: PolicyChoice;
  noticeDays?: number;
  /** Days after 2025-01-01. */
  holidayOffsets: number[];
  allocationOrder?: 'principal_first' | 'costs_interest_principal';
}

export interface Registration {
  currency: (typeof CURRENCIES)[number];
  /** Milliseconds since the epoch: the clock when the client is registered. */
  startsAt: number;
  agreement: AgreementChoice;
}

/** `pick` chooses among the open invoices (or all, with `anyInvoice`): index modulo their number. */
interface InvoicePick {
  pick: number;
  anyInvoice: boolean;
}

export type Action =
  | { kind: 'invoice'; amountMinor: number; daysAgo: number; explicitDueInDays?: number; reuseId: boolean }
  | {
      kind: 'payment';
      amountMinor: number;
      daysAgo: number;
      /** Shares in per mille of the picked invoice's outstanding amount (above 1000: more than is outstanding). */
      allocations?: (InvoicePick & { perMille: number })[];
      /** With allocations: the payment covers them plus `amountMinor`, or falls one unit short of them. */
      coverage: 'covering' | 'short';
    }
  | { kind: 'reversal'; pick: number; anyPayment: boolean; daysAgo: number }
  | ({ kind: 'creditNote'; perMille: number; daysAgo: number } & InvoicePick)
  | ({ kind: 'writeOff'; daysAgo: number } & InvoicePick)
  /** An admin waives `all` of a charge or a share in per mille of what is outstanding (above 1000: more, refused). */
  | ({ kind: 'waiver'; lateFeePerMille?: number; interestPerMille?: number; all: boolean } & InvoicePick)
  | ({ kind: 'disputeRaised' } & InvoicePick)
  | { kind: 'disputeResolved'; pick: number; outcome: 'upheld' | 'rejected'; creditPerMille?: number }
  | { kind: 'promise'; amountMinor: number; inDays: number }
  | { kind: 'interaction'; interaction: 'outbound_contact' | 'client_response' | 'meeting_missed' | 'meeting_held' | 'price_pushback' }
  | { kind: 'pause'; inDays: number }
  | { kind: 'resume' }
  | { kind: 'agreement'; agreement: AgreementChoice; effectiveInDays?: number }
  | { kind: 'registerAgain' }
  /** The collections process runs `days` later; with `rerun`, once more at the same instant (which must decide nothing). */
  | { kind: 'collectionsRun'; days: number; rerun: boolean };

/** One step: the clock moves on by `hoursLater`, then the action. */
export type Step = Action & { hoursLater: number };

export interface AccountSequence {
  registration: Registration;
  steps: Step[];
}

const FIRST_START = Date.UTC(2025, 0, 1);
const LAST_START = Date.UTC(2026, 5, 30);

const minorAmount = fc.integer({ min: 1, max: 500_000 });
const daysAgo = fc.nat({ max: 20 });

const termsChoice: fc.Arbitrary<TermsChoice> = fc.oneof(
  fc.record({ type: fc.constant('net' as const), days: fc.constantFrom(0, 7, 14, 30, 45) }),
  fc.record({ type: fc.constant('due_on_receipt' as const) }),
  fc.record({ type: fc.constant('end_of_month' as const), days: fc.constantFrom(0, 15, 30) }),
);

const policyChoice: fc.Arbitrary<PolicyChoice> = fc.record(
  {
    fixedFeeMinor: fc.integer({ min: 1, max: 10_000 }),
    rateHundredths: fc.integer({ min: 1, max: 2_500 }),
    compounding: fc.constantFrom('simple' as const, 'annual' as const),
    graceDays: fc.nat({ max: 10 }),
  },
  { requiredKeys: ['compounding', 'graceDays'] },
);

export const agreementChoice: fc.Arbitrary<AgreementChoice> = fc.record(
  {
    terms: termsChoice,
    timezone: fc.constantFrom(...TIMEZONES),
    policy: policyChoice,
    noticeDays: fc.nat({ max: 45 }),
    holidayOffsets: fc.array(fc.nat({ max: 730 }), { maxLength: 3 }),
    allocationOrder: fc.constantFrom('principal_first' as const, 'costs_interest_principal' as const),
  },
  { requiredKeys: ['terms', 'timezone', 'holidayOffsets'] },
);

const registration: fc.Arbitrary<Registration> = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  startsAt: fc.integer({ min: FIRST_START, max: LAST_START }),
  agreement: agreementChoice,
});

/** Mostly false, sometimes true (fast-check has no weighted boolean). */
const rarely = (oneIn: number) => fc.nat({ max: oneIn - 1 }).map((value) => value === 0);

const pick = { pick: fc.nat(), anyInvoice: rarely(10) };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        kind: fc.constant('invoice' as const),
        amountMinor: minorAmount,
        daysAgo,
        explicitDueInDays: fc.integer({ min: -2, max: 40 }),
        reuseId: rarely(20),
      },
      { requiredKeys: ['kind', 'amountMinor', 'daysAgo', 'reuseId'] },
    ),
  },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        kind: fc.constant('payment' as const),
        amountMinor: minorAmount,
        daysAgo,
        allocations: fc.array(fc.record({ ...pick, perMille: fc.integer({ min: 1, max: 1_050 }) }), { minLength: 1, maxLength: 3 }),
        coverage: fc.oneof(
          { weight: 9, arbitrary: fc.constant('covering' as const) },
          { weight: 1, arbitrary: fc.constant('short' as const) },
        ),
      },
      { requiredKeys: ['kind', 'amountMinor', 'daysAgo', 'coverage'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reversal' as const), pick: fc.nat(), anyPayment: rarely(10), daysAgo }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('creditNote' as const), ...pick, perMille: fc.integer({ min: 1, max: 1_100 }), daysAgo }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('writeOff' as const), ...pick, daysAgo }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('waiver' as const),
        pick: fc.nat(),
        anyInvoice: fc.constant(true),
        lateFeePerMille: fc.integer({ min: 1, max: 1_050 }),
        interestPerMille: fc.integer({ min: 1, max: 1_050 }),
        all: rarely(3),
      },
      { requiredKeys: ['kind', 'pick', 'anyInvoice', 'all'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('disputeRaised' as const), ...pick }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('disputeResolved' as const),
        pick: fc.nat(),
        outcome: fc.constantFrom('upheld' as const, 'rejected' as const),
        creditPerMille: fc.integer({ min: 1, max: 1_100 }),
      },
      { requiredKeys: ['kind', 'pick', 'outcome'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('promise' as const), amountMinor: minorAmount, inDays: fc.nat({ max: 30 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('interaction' as const),
      interaction: fc.constantFrom(
        'outbound_contact' as const,
        'client_response' as const,
        'meeting_missed' as const,
        'meeting_held' as const,
        'price_pushback' as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), inDays: fc.nat({ max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { kind: fc.constant('agreement' as const), agreement: agreementChoice, effectiveInDays: fc.nat({ max: 60 }) },
      { requiredKeys: ['kind', 'agreement'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'registerAgain' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('collectionsRun' as const), days: fc.integer({ min: 1, max: 40 }), rerun: rarely(4) }),
  },
);

const step: fc.Arbitrary<Step> = fc
  .tuple(action, fc.oneof(fc.constant(0), fc.nat({ max: 72 })))
  .map(([chosen, hoursLater]) => ({ ...chosen, hoursLater }));

/** A registration followed by up to `maxSteps` steps. */
export const accountSequence = (maxSteps: number): fc.Arbitrary<AccountSequence> =>
  fc.record({ registration, steps: fc.array(step, { maxLength: maxSteps, size: 'max' }) });
