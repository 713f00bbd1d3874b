import { type BehaviourFacts } from '../metrics/facts';
import { toMinor } from '../money/money';

/**
 * Whether a scheduled reminder still reminds of anything: one of its invoices is still outstanding.
 * One decided on Saturday for Monday 09:00 is not sent when the client paid on Sunday.
 */
export const remindsOfAnythingOpen = (facts: Pick<BehaviourFacts, 'invoices'>, invoiceIds: readonly string[]): boolean =>
  invoiceIds.some((invoiceId) => {
    const invoice = facts.invoices.find((candidate) => candidate.invoiceId === invoiceId);
    return invoice === undefined || toMinor(invoice.outstanding) > 0n;
  });
