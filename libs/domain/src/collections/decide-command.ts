import { type ClientAccountEvent } from '../client-account/events';
import { minorString } from '../money/money';
import { conflict } from '../shared/errors';
import { feeReceivable } from '../client-account/fee-receivables';
import { type ChargeLateInterest, type CollectionsCommand, type EscalateCollections, type WaiveCharges } from './commands';
import { type CollectionsProcessState, evolveCollectionsState } from './state';
import { rungTaken } from './step-order';

/**
 * Turns one collections command into its event, refusing — by deciding nothing — whatever the state
 * shows was already done: a rung taken in the open case, a handover already proposed, a fee on an invoice that has one, an
 * interest period already charged, a reminder id already scheduled, a hold already placed. So a
 * re-run, restart or replay records nothing twice. An interest period that partly overlaps a charged
 * one is a bug upstream and is refused with a conflict.
 */
export const decideCollectionsCommand = (command: CollectionsCommand, state: CollectionsProcessState): ClientAccountEvent[] => {
  const { clientId } = command;
  switch (command.type) {
    case 'EscalateCollections': {
      if (alreadyEscalated(command, state)) return [];
      const { level, trigger, invoiceId, figures, decidedAt } = command;
      return [
        {
          type: 'CollectionsEscalated',
          data: { clientId, level, trigger, ...(invoiceId !== undefined && { invoiceId }), figures, decidedAt },
        },
      ];
    }
    case 'ScheduleReminder': {
      if (state.reminders.has(command.reminderId)) return [];
      const { reminderId, level, channel, to, invoiceIds, sendAt, message, paymentDeadline, letter } = command;
      return [
        {
          type: 'ReminderScheduled',
          data: {
            clientId,
            reminderId,
            level,
            channel,
            to,
            invoiceIds,
            sendAt,
            message,
            ...(paymentDeadline !== undefined && { paymentDeadline }),
            ...(letter !== undefined && { letter }),
          },
        },
      ];
    }
    case 'ChargeLateFee': {
      if (state.charges.get(command.invoiceId)?.lateFee) return [];
      const { invoiceId, amount, chargedOn } = command;
      return [{ type: 'LateFeeCharged', data: { clientId, invoiceId, amount: minorString(amount), chargedOn } }];
    }
    case 'ChargeLateInterest': {
      if (interestAlreadyCharged(command, state)) return [];
      const { invoiceId, periodFrom, periodTo, amount, principal, annualInterestRate, compounding, chargedOn } = command;
      return [
        {
          type: 'LateInterestCharged',
          data: {
            clientId,
            invoiceId,
            periodFrom,
            periodTo,
            amount: minorString(amount),
            principal: minorString(principal),
            annualInterestRate,
            compounding,
            chargedOn,
          },
        },
      ];
    }
    case 'PlaceCreditHold': {
      if (state.creditHold) return [];
      const { trigger, reason, placedAt } = command;
      return [{ type: 'CreditHoldPlaced', data: { clientId, trigger, reason, placedAt } }];
    }
    case 'ReleaseCreditHold': {
      if (!state.creditHold) return [];
      const { reason, releasedAt } = command;
      return [{ type: 'CreditHoldReleased', data: { clientId, reason, releasedAt } }];
    }
    case 'TightenTerms': {
      if (state.tightenedTerms) return [];
      const { paymentTerms, ladderFactor, trigger, decidedAt } = command;
      return [{ type: 'TermsTightened', data: { clientId, paymentTerms, ladderFactor, trigger, decidedAt } }];
    }
    case 'MarkPromiseKept':
    case 'MarkPromiseBroken': {
      const superseding = command.type === 'MarkPromiseKept' && command.supersedes !== undefined;
      if (!(superseding ? state.brokenPromises : state.openPromises).has(command.interactionId)) return [];
      const { interactionId, promisedOn, amount, paid, decidedAt } = command;
      const data = { clientId, interactionId, promisedOn, amount: minorString(amount), paid: minorString(paid), decidedAt };
      if (command.type === 'MarkPromiseBroken') return [{ type: 'PromiseBroken', data }];
      const { supersedes, reason } = command;
      return [{ type: 'PromiseKept', data: { ...data, ...(supersedes && { supersedes }), ...(reason !== undefined && { reason }) } }];
    }
    case 'ProposeAgencyHandover': {
      if (state.agencyHandover || state.handedToAgency) return [];
      const { invoiceIds, amount, paymentDeadline, figures, proposedAt } = command;
      return [
        {
          type: 'AgencyHandoverProposed',
          data: { clientId, invoiceIds, amount: minorString(amount), paymentDeadline, figures, proposedAt },
        },
      ];
    }
    case 'HandToAgency': {
      if (state.handedToAgency) return [];
      const { invoiceIds, amount, decidedAt } = command;
      return [{ type: 'HandedToAgency', data: { clientId, invoiceIds, amount: minorString(amount), decidedAt } }];
    }
    case 'ResolveCollections':
      return state.level === 'none' ? [] : [{ type: 'CollectionsResolved', data: { clientId, decidedAt: command.decidedAt } }];
    case 'CorrectCollectionsLevel': {
      const taken = new Set(state.caseSteps.map((step) => `${step.level}@${step.at}`));
      const { previousLevel, level, reason, withdrawnSteps, decidedAt } = command;
      const stillTaken = withdrawnSteps.filter((step) => taken.has(`${step.level}@${step.at}`));
      if (stillTaken.length === 0) return [];
      return [
        { type: 'CollectionsLevelCorrected', data: { clientId, previousLevel, level, reason, withdrawnSteps: stillTaken, decidedAt } },
      ];
    }
    case 'WithdrawReminder': {
      if (state.reminders.get(command.reminderId)?.status !== 'scheduled') return [];
      const { reminderId, withdrawnAt } = command;
      return [{ type: 'ReminderWithdrawn', data: { clientId, reminderId, withdrawnAt, reason: 'step_corrected' } }];
    }
    case 'WaiveCharges':
      return waiveCharges(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown collections command ${JSON.stringify(unknown)}`);
    }
  }
};

/** A ladder rung is taken once per case (see `rungTaken`); an account review is not decided twice for the same instant or an earlier one. */
const alreadyEscalated = (command: EscalateCollections, state: CollectionsProcessState): boolean =>
  command.level === 'account_review'
    ? state.steps.some((step) => step.level === 'account_review' && step.decidedAt >= command.decidedAt)
    : rungTaken(state, command.level);

/** What is still outstanding of each part is waived, at most the amounts decided: a re-run waives nothing twice. */
const waiveCharges = (command: WaiveCharges, state: CollectionsProcessState): ClientAccountEvent[] => {
  const { clientId, invoiceId, waiverId, reason, waivedAt } = command;
  if (state.waiverIds.has(waiverId)) return [];
  const receivable = feeReceivable(state.charges.get(invoiceId));
  const lateFee = minBigInt(command.lateFee, receivable.lateFee.outstanding);
  const interest = minBigInt(command.interest, receivable.interest.outstanding);
  const common = { clientId, invoiceId, waiverId, reason, waivedAt };
  return [
    ...(lateFee > 0n ? [{ type: 'LateFeeWaived' as const, data: { ...common, amount: minorString(lateFee) } }] : []),
    ...(interest > 0n ? [{ type: 'LateInterestWaived' as const, data: { ...common, amount: minorString(interest) } }] : []),
  ];
};

const minBigInt = (a: bigint, b: bigint): bigint => (a < b ? a : b);

const interestAlreadyCharged = (command: ChargeLateInterest, state: CollectionsProcessState): boolean => {
  const charged = state.charges.get(command.invoiceId)?.interest ?? [];
  if (charged.some((period) => period.periodFrom === command.periodFrom && period.periodTo === command.periodTo)) return true;
  const overlapping = charged.find((period) => period.periodFrom <= command.periodTo && command.periodFrom <= period.periodTo);
  if (overlapping) {
    throw conflict(
      'interest_period_overlap',
      `Interest ${command.periodFrom}…${command.periodTo} on ${command.invoiceId} overlaps the charged period ${overlapping.periodFrom}…${overlapping.periodTo}`,
    );
  }
  return false;
};

export interface DecidedCollectionsCommand {
  command: CollectionsCommand;
  /** Empty when the command was already done. */
  events: ClientAccountEvent[];
}

/** Decides a run's commands in order, each against the state left by the ones before it. */
export const decideCollectionsCommands = (
  commands: readonly CollectionsCommand[],
  state: CollectionsProcessState,
): DecidedCollectionsCommand[] => {
  let current = state;
  return commands.map((command) => {
    const events = decideCollectionsCommand(command, current);
    current = events.reduce(evolveCollectionsState, current);
    return { command, events };
  });
};
