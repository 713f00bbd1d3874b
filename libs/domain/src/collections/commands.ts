import { type PaymentTerms } from '../agreement/agreement';
import {
  type CollectionsEscalated,
  type CollectionsLevelCorrected,
  type EscalationTrigger,
  type LateInterestCharged,
  type ReminderScheduled,
} from '../client-account/events';
import { type IsoDate, type IsoInstant } from '../shared/types';
import { type LadderLevel } from '../agreement/collections-ladder';

/**
 * What the collections process decides. Each command maps to one event and carries every value of
 * it, so deciding is pure and replaying a command decides the same event. `commandId` is derived
 * from the client and the decision's subject (level, invoice, period, date): a re-run of the same
 * decision carries the same id (use it as the event metadata's `commandId` and to derive event ids).
 */
export type CollectionsCommand =
  | EscalateCollections
  | ScheduleReminder
  | ChargeLateFee
  | ChargeLateInterest
  | PlaceCreditHold
  | ReleaseCreditHold
  | TightenTerms
  | MarkPromiseKept
  | MarkPromiseBroken
  | ProposeAgencyHandover
  | HandToAgency
  | ResolveCollections
  | CorrectCollectionsLevel
  | WithdrawReminder
  | WaiveCharges;

export type CollectionsCommandType = CollectionsCommand['type'];

interface Addressed {
  commandId: string;
  clientId: string;
}

export type EscalationFigures = CollectionsEscalated['data']['figures'];

export type EscalateCollections = Addressed & {
  type: 'EscalateCollections';
  level: LadderLevel | 'account_review';
  trigger: EscalationTrigger;
  invoiceId?: string;
  figures: EscalationFigures;
  decidedAt: IsoInstant;
};

export type ScheduleReminder = Addressed & { type: 'ScheduleReminder' } & Omit<ReminderScheduled['data'], 'clientId' | 'level'> & {
    level: LadderLevel | 'promise_confirmation';
  };

export type ChargeLateFee = Addressed & { type: 'ChargeLateFee'; invoiceId: string; amount: bigint; chargedOn: IsoDate };

export type ChargeLateInterest = Addressed & {
  type: 'ChargeLateInterest';
  amount: bigint;
  principal: bigint;
} & Pick<LateInterestCharged['data'], 'invoiceId' | 'periodFrom' | 'periodTo' | 'annualInterestRate' | 'compounding' | 'chargedOn'>;

export type PlaceCreditHold = Addressed & { type: 'PlaceCreditHold'; trigger: EscalationTrigger; reason: string; placedAt: IsoInstant };

export type ReleaseCreditHold = Addressed & { type: 'ReleaseCreditHold'; reason: string; releasedAt: IsoInstant };

export type TightenTerms = Addressed & {
  type: 'TightenTerms';
  paymentTerms: PaymentTerms;
  ladderFactor: number;
  trigger: EscalationTrigger;
  decidedAt: IsoInstant;
};

type PromiseOutcomeData = { interactionId: string; promisedOn: IsoDate; amount: bigint; paid: bigint; decidedAt: IsoInstant };

/** `supersedes`: it had been marked broken, and payments booked since show it was kept (with the `reason`). */
export type MarkPromiseKept = Addressed & { type: 'MarkPromiseKept'; supersedes?: 'PromiseBroken'; reason?: string } & PromiseOutcomeData;

export type MarkPromiseBroken = Addressed & { type: 'MarkPromiseBroken' } & PromiseOutcomeData;

/** The agency step when the agreement wants an admin's approval: recorded as `AgencyHandoverProposed`. */
export type ProposeAgencyHandover = Addressed & {
  type: 'ProposeAgencyHandover';
  invoiceIds: string[];
  amount: bigint;
  paymentDeadline: IsoDate;
  figures: EscalationFigures;
  proposedAt: IsoInstant;
};

export type HandToAgency = Addressed & { type: 'HandToAgency'; invoiceIds: string[]; amount: bigint; decidedAt: IsoInstant };

export type ResolveCollections = Addressed & { type: 'ResolveCollections'; decidedAt: IsoInstant };

/** Steps a late-booked payment proved wrong, withdrawn: recorded as `CollectionsLevelCorrected`. */
export type CorrectCollectionsLevel = Addressed & { type: 'CorrectCollectionsLevel' } & Omit<CollectionsLevelCorrected['data'], 'clientId'>;

/** A scheduled reminder of a withdrawn step, not to be sent: recorded as `ReminderWithdrawn` (`step_corrected`). */
export type WithdrawReminder = Addressed & { type: 'WithdrawReminder'; reminderId: string; withdrawnAt: IsoInstant };

/**
 * Fees or interest the process itself drops, with the reason (`LateFeeWaived`, `LateInterestWaived`): charged on an
 * invoice that a late-booked payment shows was settled before it was due for them, or interest on a disputed part
 * that was credited. Never more than is outstanding.
 */
export type WaiveCharges = Addressed & {
  type: 'WaiveCharges';
  invoiceId: string;
  waiverId: string;
  lateFee: bigint;
  interest: bigint;
  reason: string;
  waivedAt: IsoInstant;
};
