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
  /** The late-fee policy in force today (firm reminder), a preset's figures written in by `lateFeeTermsOn`. */
  lateFeePolicy?: LateFeePolicy;
  /** The service-suspension date (final notice). */
  suspensionOn: IsoDate;
  /** Final notice: the last day to pay before the debt may go to an agency. */
  paymentDeadline?: IsoDate;
  /** The messages this debt already had, oldest first, with the day each reached the client: a message refers to these only. */
  sentBefore: readonly { level: ClientMessageLevel; on: IsoDate }[];
}

const invoiceList = ({ currency, invoices }: Pick<ReminderContent, 'currency' | 'invoices'>): string =>
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
  // Under a statutory preset the law sets the terms, not the agreement.
  const basis = lateFeePolicy?.preset ? 'Under the statutory late-payment rules' : 'As agreed';
  return terms.length > 0 ? ` ${basis}, ${terms.join(' and ')} will be charged.` : '';
};

/** " despite our reminder of 2026-02-23", " despite our reminders of 2026-02-23 and 2026-03-02", or nothing when none was sent. */
const despiteEarlier = ({ sentBefore }: ReminderContent): string => {
  if (sentBefore.length === 0) return '';
  const days = sentBefore.map((message) => message.on);
  const listed = days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
  return ` despite our ${days.length === 1 ? 'reminder' : 'reminders'} of ${listed}`;
};

const paymentDeadline = ({ paymentDeadline }: ReminderContent): string => {
  if (paymentDeadline === undefined) throw new Error('A final notice states its payment deadline');
  return paymentDeadline;
};

export const reminderMessage = (level: ClientMessageLevel, content: ReminderContent): string => {
  switch (level) {
    case 'reminder':
      return `Dear ${content.recipient}, a friendly reminder that invoice(s) ${invoiceList(content)} are past due. Could you let us know when we can expect payment?`;
    case 'firm_reminder':
      return `Dear ${content.recipient}, invoice(s) ${invoiceList(content)} remain unpaid${despiteEarlier(content)}. Please pay now.${feeTerms(content)}`;
    case 'final_notice':
      return `Dear ${content.recipient}, final notice: invoice(s) ${invoiceList(content)} are seriously overdue${despiteEarlier(content)}. Please pay by ${paymentDeadline(content)}. Unless they are paid, our services will be suspended on ${content.suspensionOn}, and if they are still unpaid after ${paymentDeadline(content)} the debt may be handed to a collection agency.`;
    default: {
      const unknown: never = level;
      throw new Error(`No client message for ${String(unknown)}`);
    }
  }
};

/** The one-line notice of a hand-over to an agency: sent with the agency step, whether the process or an admin decided it. */
export const agencyNoticeMessage = (content: Pick<ReminderContent, 'recipient' | 'currency' | 'invoices'>): string =>
  `Dear ${content.recipient}, as invoice(s) ${invoiceList(content)} remain unpaid after our final notice, we have handed the debt to a collection agency, which will contact you about payment.`;

/** The one-line confirmation of a promise to pay. */
export const promiseConfirmationMessage = (
  content: Pick<ReminderContent, 'recipient' | 'currency'> & { amount: bigint; promisedOn: IsoDate },
): string =>
  `Dear ${content.recipient}, thank you: we have noted your promise to pay ${content.currency} ${formatMinorUnits(content.amount, content.currency)} by ${content.promisedOn}. We will not remind you of these invoices before then.`;
