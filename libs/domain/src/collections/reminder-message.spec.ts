import { type ReminderContent, reminderMessage } from './reminder-message';

const content: ReminderContent = {
  recipient: 'Ada',
  currency: 'EUR',
  invoices: [{ invoiceId: 'INV-1', dueOn: '2026-02-20', outstanding: 1_000_000n }],
  suspensionOn: '2026-04-13',
  paymentDeadline: '2026-04-20',
  sentBefore: [],
};

describe('reminderMessage', () => {
  it('refers to the earlier messages only when they were sent, with their days', () => {
    expect(reminderMessage('firm_reminder', content)).toContain(
      'INV-1 (due 2026-02-20, EUR 10000.00 outstanding) remain unpaid. Please pay now.',
    );
    expect(reminderMessage('firm_reminder', { ...content, sentBefore: [{ level: 'reminder', on: '2026-02-23' }] })).toContain(
      'remain unpaid despite our reminder of 2026-02-23.',
    );
    const sentBefore = [
      { level: 'reminder' as const, on: '2026-02-23' },
      { level: 'firm_reminder' as const, on: '2026-03-02' },
    ];
    expect(reminderMessage('final_notice', { ...content, sentBefore })).toContain(
      'seriously overdue despite our reminders of 2026-02-23 and 2026-03-02. Please pay by 2026-04-20.',
    );
    expect(reminderMessage('final_notice', content)).toContain('are seriously overdue. Please pay by 2026-04-20.');
  });
});
