import nodemailer, { type Transporter } from 'nodemailer';
import { type CollectionLevel } from '@settle/domain';
import { type ReminderDelivery, type ReminderTransport } from './reminder-delivery';
import { EVENT_ID_HEADER } from './webhook-transport';

export interface EmailOptions {
  /** smtp:// or smtps:// URL, credentials included when needed. */
  smtpUrl: string;
  /** The sender address. */
  from?: string;
}

const SUBJECTS: Partial<Record<CollectionLevel, string>> = {
  reminder: 'Payment reminder',
  firm_reminder: 'Overdue invoices: please pay now',
  final_notice: 'Final notice before suspension of service',
};

/**
 * Delivers reminders by email over SMTP (nodemailer) to the single point of contact, when email is
 * the agreed channel (see `transportsTaking`). The event id is the Message-ID and a header, so a re-sent message is
 * recognisable as the same one.
 */
export class EmailTransport implements ReminderTransport {
  readonly name = 'email';
  private readonly transporter: Transporter;

  constructor(private readonly options: EmailOptions) {
    this.transporter = nodemailer.createTransport(options.smtpUrl);
  }

  async send({ eventId, reminder }: ReminderDelivery): Promise<void> {
    await this.transporter.sendMail({
      from: this.options.from ?? 'Settle Collections <collections@settle.localhost>',
      to: { name: reminder.to.name, address: reminder.to.email! },
      subject: `${SUBJECTS[reminder.level] ?? 'Payment reminder'}: ${reminder.invoiceIds.join(', ')}`,
      text: reminder.message,
      messageId: `<${eventId}@settle>`,
      headers: { [EVENT_ID_HEADER]: eventId, 'X-Settle-Reminder-Id': reminder.reminderId },
    });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
