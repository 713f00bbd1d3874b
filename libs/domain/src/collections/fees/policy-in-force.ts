import { type LateFeePolicy } from '../../agreement/agreement';
import { statutoryFixedFee } from '../../agreement/late-fee-presets';
import { type LateFeePolicyPeriod } from '../../client-account/state';
import { minorString, toMinor } from '../../money/money';
import { type IsoDate } from '../../shared/types';
import { statutoryRateOn } from './reference-rates/statutory-rate';

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

/**
 * The annual rate (percent) a policy charges for a day: its agreed rate, or under a statutory preset
 * the rate of the day's half year — `undefined` for a half year the reference-rate tables do not reach.
 */
export const annualInterestRateOn = (policy: LateFeePolicy | undefined, day: IsoDate): string | undefined =>
  policy?.preset === undefined ? policy?.annualInterestRate : statutoryRateOn(policy.preset, day);

/** The fixed fee a policy charges for one late invoice of `invoiceAmount` (minor units): agreed, or the law's. */
export const fixedFeeFor = (policy: LateFeePolicy | undefined, invoiceAmount: bigint): bigint | undefined => {
  if (policy?.preset !== undefined) return statutoryFixedFee(policy.preset, invoiceAmount);
  return policy?.fixedFee === undefined ? undefined : toMinor(policy.fixedFee);
};

/**
 * The policy as a letter states it on `day`: under a statutory preset, with the law's fixed sum (when
 * it is the same for every invoice listed; UK tiers may differ) and the rate of the day's half year
 * written in, as `fixedFeeFor` and `annualInterestRateOn` charge them; an agreed policy as it is.
 */
export const lateFeeTermsOn = (
  policy: LateFeePolicy | undefined,
  day: IsoDate,
  invoiceAmounts: readonly bigint[],
): LateFeePolicy | undefined => {
  if (policy?.preset === undefined) return policy;
  const fixedFees = new Set(invoiceAmounts.map((amount) => fixedFeeFor(policy, amount)));
  const [fixedFee] = fixedFees;
  const annualInterestRate = annualInterestRateOn(policy, day);
  return {
    ...policy,
    ...(fixedFees.size === 1 && fixedFee !== undefined && { fixedFee: minorString(fixedFee) }),
    ...(annualInterestRate !== undefined && { annualInterestRate }),
  };
};
