import { type LateFeePolicy } from '../agreement/agreement';
import { formatMinorUnits, toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';

/** Only these rungs write to the client; `call` is a task for our account manager, `credit_hold` and `agency` act on our side. */
export const CLIENT_MESSAGE_LEVELS = ['reminder', 'firm_reminder', 'final_notice'] as const;
export type ClientMessageLevel = (typeof CLIENT_MESSAGE_LEVELS)[number];

export interface ReminderContent {
  /** The client's single point of contact. */
  recipient: string;
  currency: string;
  invoices: readonly { invoiceId: string; dueOn: IsoDate; outstanding: bigint }[];
  /** The late-fee policy in force today (firm reminder). */
  lateFeePolicy?: LateFeePolicy;
  /** The service-suspension date (final notice). */
  suspensionOn: IsoDate;
}

const invoiceList = ({ currency, invoices }: ReminderContent): string =>
  invoices
    .map(
      (invoice) =>
        `${invoice.invoiceId} (due ${invoice.dueOn}, ${currency} ${formatMinorUnits(invoice.outstanding, currency)} outstanding)`,
    )
    .join(', ');

const feeTerms = ({ currency, lateFeePolicy }: ReminderContent): string => {
  const terms = [
    ...(lateFeePolicy?.fixedFee
      ? [`a late fee of ${currency} ${formatMinorUnits(toMinor(lateFeePolicy.fixedFee), currency)} per invoice`]
      : []),
    ...(lateFeePolicy?.annualInterestRate
      ? [`interest of ${lateFeePolicy.annualInterestRate}% per year (${lateFeePolicy.compounding}) on the overdue amount`]
      : []),
  ];
  return terms.length > 0 ? ` As agreed, ${terms.join(' and ')} will be charged.` : '';
};

export const reminderMessage = (level: ClientMessageLevel, content: ReminderContent): string => {
  switch (level) {
    case 'reminder':
      return `Dear ${content.recipient}, a friendly reminder that invoice(s) ${invoiceList(content)} are past due. Could you let us know when we can expect payment?`;
    case 'firm_reminder':
      return `Dear ${content.recipient}, invoice(s) ${invoiceList(content)} remain unpaid despite our reminder. Please pay now.${feeTerms(content)}`;
    case 'final_notice':
      return `Dear ${content.recipient}, final notice: invoice(s) ${invoiceList(content)} are seriously overdue. Unless they are paid, our services will be suspended on ${content.suspensionOn} and the debt handed to a collection agency.`;
    default: {
      const unknown: never = level;
      throw new Error(`No client message for ${String(unknown)}`);
    }
  }
};
