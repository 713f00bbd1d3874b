import { type LateFeePolicy } from '../../agreement/agreement';
import { type LateFeePolicyPeriod } from '../../client-account/state';
import { type IsoDate } from '../../shared/types';

/**
 * The late-fee policy in force on a local date: the last announced period whose `effectiveFrom`
 * has come (the registration policy has none). A change never applies before its effective date.
 */
export const lateFeePolicyInForce = (periods: readonly LateFeePolicyPeriod[], date: IsoDate): LateFeePolicy | undefined => {
  let inForce: LateFeePolicy | undefined;
  for (const period of periods) {
    if (period.effectiveFrom === undefined || period.effectiveFrom <= date) inForce = period.policy;
  }
  return inForce;
};
