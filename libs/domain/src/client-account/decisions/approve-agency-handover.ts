import { type DateTime } from 'luxon';
import { requiredText } from '../../agreement/input-checks';
import { minorString } from '../../money/money';
import { invalid, ruleBroken } from '../../shared/errors';
import { agencyClaim } from '../collections-state';
import { type ApproveAgencyHandover } from '../commands';
import { type AgencyHandoverRejected, type HandedToAgency } from '../events';
import { type RegisteredAccount } from '../state';
import { instantOf } from './command-input';

const DECISIONS: readonly ApproveAgencyHandover['data']['decision'][] = ['approve', 'reject'];

/**
 * An admin's answer to a proposed handover (SPEC 3.4): approved, the proposal's invoices still open go
 * to the agency with their outstanding principal, fees and interest, as they
 * stand now; rejected, the case stays at the final notice. Only a proposal awaiting an answer can be
 * answered (422 `agency_handover_not_proposed`).
 */
export const approveAgencyHandover = (
  { data }: ApproveAgencyHandover,
  account: RegisteredAccount,
  now: DateTime,
): [HandedToAgency] | [AgencyHandoverRejected] => {
  if (!DECISIONS.includes(data.decision)) throw invalid('invalid_decision', 'decision must be approve or reject', 'decision');
  const reason = requiredText(data.reason, 'reason');
  const proposal = account.collections.agencyHandover;
  if (proposal?.status !== 'proposed') {
    throw ruleBroken('agency_handover_not_proposed', `No handover to an agency awaits approval for client ${account.clientId}`);
  }
  const { clientId } = account;
  if (data.decision === 'reject') {
    return [{ type: 'AgencyHandoverRejected', data: { clientId, invoiceIds: proposal.invoiceIds, reason, rejectedAt: instantOf(now) } }];
  }
  const open = proposal.invoiceIds
    .map((invoiceId) => account.invoices.get(invoiceId))
    .filter((invoice) => invoice !== undefined && invoice.outstanding > 0n)
    .map((invoice) => ({ invoiceId: invoice!.invoiceId, outstanding: invoice!.outstanding }));
  if (open.length === 0) throw ruleBroken('nothing_to_hand_over', 'Every invoice of the proposed handover has been settled since');
  return [
    {
      type: 'HandedToAgency',
      data: {
        clientId,
        invoiceIds: open.map((invoice) => invoice.invoiceId),
        amount: minorString(agencyClaim(open, account.collections.charges)),
        decidedAt: instantOf(now),
        reason,
      },
    },
  ];
};
