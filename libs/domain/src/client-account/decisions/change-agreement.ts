import { type DateTime } from 'luxon';
import { addDays, assertIsoDate } from '../../shared/dates';
import { normalizeAgreement } from '../../agreement/normalize-agreement';
import { ruleBroken } from '../../shared/errors';
import { type ChangeAgreement } from '../commands';
import { type AgreementChanged } from '../events';
import { latestLateFeePolicy } from '../late-fee-policy';
import { todayFor } from '../queries';
import { sameContent } from '../same-content';
import { type RegisteredAccount } from '../state';
import { instantOf } from './command-input';

/**
 * A new agreement takes effect at once, except a changed late-fee policy: it applies from
 * `lateFeePolicyEffectiveFrom`, which must leave the client the notice period of the agreement in
 * force when announced (not the new one, or a change could shorten its own notice).
 * An agreement identical to the current one records nothing.
 */
export const changeAgreement = ({ data }: ChangeAgreement, account: RegisteredAccount, now: DateTime): AgreementChanged[] => {
  const agreement = normalizeAgreement(data.agreement, account.currency);
  if (sameContent(agreement, account.agreement)) return [];
  const announced: AgreementChanged = {
    type: 'AgreementChanged',
    data: { clientId: account.clientId, agreement, announcedAt: instantOf(now) },
  };
  // Re-sending the effective date with an unchanged policy is harmless (PUT semantics), so it is ignored.
  if (sameContent(agreement.lateFeePolicy, latestLateFeePolicy(account))) return [announced];

  const earliest = addDays(todayFor(account, now), account.agreement.noticeDays);
  const effectiveFrom =
    data.lateFeePolicyEffectiveFrom === undefined ? earliest : assertIsoDate(data.lateFeePolicyEffectiveFrom, 'lateFeePolicyEffectiveFrom');
  if (effectiveFrom < earliest) {
    throw ruleBroken(
      'notice_period',
      `A late-fee policy change needs ${account.agreement.noticeDays} days' notice: effective ${earliest} at the earliest, not ${effectiveFrom}`,
    );
  }
  return [{ ...announced, data: { ...announced.data, lateFeePolicyEffectiveFrom: effectiveFrom } }];
};
