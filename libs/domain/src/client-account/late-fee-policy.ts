import { type LateFeePolicy } from '../agreement/agreement';
import { type IsoDate } from '../shared/types';
import { type LateFeePolicyPeriod, type RegisteredAccount } from './state';

/** The late-fee policy in force on a local date: an announced change applies only from its effective date. */
export const lateFeePolicyOn = (account: RegisteredAccount, date: IsoDate): LateFeePolicy | undefined =>
  [...account.lateFeePolicies].reverse().find((period) => period.effectiveFrom === undefined || period.effectiveFrom <= date)?.policy;

/** The policy the account is heading to: the last one announced, in force or not. */
export const latestLateFeePolicy = (account: RegisteredAccount): LateFeePolicy | undefined => account.lateFeePolicies.at(-1)?.policy;

/**
 * Adds an announced policy change. A change announced while an earlier one is still pending
 * replaces the pending one: the latest announcement is the plan the client was told about.
 */
export const withAnnouncedPolicy = (
  history: LateFeePolicyPeriod[],
  announcedOn: IsoDate,
  change: Required<Pick<LateFeePolicyPeriod, 'effectiveFrom'>> & Pick<LateFeePolicyPeriod, 'policy'>,
): LateFeePolicyPeriod[] => [
  ...history.filter((period) => period.effectiveFrom === undefined || period.effectiveFrom <= announcedOn),
  { effectiveFrom: change.effectiveFrom, ...(change.policy && { policy: change.policy }) },
];
