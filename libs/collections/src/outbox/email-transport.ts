import nodemailer, { type Transporter } from 'nodemailer';
import { type ReminderLevel } from '@settle/domain';
import { type ReminderDelivery, type ReminderTransport } from './reminder-delivery';
import { EVENT_ID_HEADER } from './webhook-transport';

export interface EmailOptions {
  /** smtp:// or smtps:// URL, credentials included when needed. */
  smtpUrl: string;
  /** The sender address. */
  from?: string;
}

const SUBJECTS: Partial<Record<ReminderLevel, string>> = {
  reminder: 'Payment reminder',
  firm_reminder: 'Overdue invoices: please pay now',
  final_notice: 'Final notice before suspension of service',
  agency: 'Overdue invoices handed to a collection agency',
  promise_confirmation: 'Confirmation of your promise to pay',
};

/**
 * Delivers reminders by email over SMTP (nodemailer) to the single point of contact, when email is
 * the agreed channel (see `transportsTaking`): multipart, the letter's HTML and its plain text. The event id is the Message-ID and a header, so a re-sent message is
 * recognisable as the same one.
 */
export class EmailTransport implements ReminderTransport {
  readonly name = 'email';
  private readonly transporter: Transporter;

  constructor(private readonly options: EmailOptions) {
    this.transporter = nodemailer.createTransport(options.smtpUrl);
  }

  /** The rendered letter as HTML with its plain-text alternative, in the client's language; a reminder without one as its message. */
  async send({ eventId, reminder, letter }: ReminderDelivery): Promise<void> {
    await this.transporter.sendMail({
      from: this.options.from ?? 'Settle Collections <collections@settle.localhost>',
      to: { name: reminder.to.name, address: reminder.to.email! },
      ...(letter
        ? { subject: letter.subject, text: letter.text, html: letter.html }
        : { subject: `${SUBJECTS[reminder.level] ?? 'Payment reminder'}: ${reminder.invoiceIds.join(', ')}`, text: reminder.message }),
      messageId: `<${eventId}@settle>`,
      headers: {
        [EVENT_ID_HEADER]: eventId,
        'X-Settle-Reminder-Id': reminder.reminderId,
        ...(letter && { 'Content-Language': letter.language }),
      },
    });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
