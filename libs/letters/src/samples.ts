import { type LetterContent, type LetterLanguage } from '@settle/domain';
import { type LetterMessage, type PromiseConfirmation, type StatementCover } from './messages';

/**
 * One letter of each message with every optional part filled in: what each template is rendered with
 * at start-up, so a template that names a variable the letter does not have is refused before any
 * letter goes out. Also the fixed account of the tests.
 */
const payment = {
  beneficiary: 'Settle Demo B.V.',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  scheme: 'rf_per_invoice',
  reference: 'RF10INV2026001, RF47INV2026014',
} as const;

const contact = { name: 'Max Mulder', email: 'max@ourfirm.example', phone: '+31 20 123 4567' };

export const sampleReminderLetter = (level: LetterContent['level'], language: LetterLanguage): LetterContent => ({
  level,
  language,
  date: '2026-04-20',
  currency: 'EUR',
  recipient: { name: 'Ada de Vries' },
  lines: [
    {
      invoiceId: 'INV-2026-001',
      issuedOn: '2026-02-02',
      dueOn: '2026-03-04',
      principal: '123456',
      lateFees: '4000',
      interest: '1632',
      total: '129088',
      reference: 'RF10INV2026001',
    },
    {
      invoiceId: 'INV-2026-014',
      issuedOn: '2026-02-16',
      dueOn: '2026-03-18',
      principal: '50000',
      lateFees: '0',
      interest: '0',
      total: '50000',
      reference: 'RF47INV2026014',
    },
  ],
  totals: { principal: '173456', lateFees: '4000', interest: '1632', total: '179088' },
  lateFeePolicy: { fixedFee: '4000', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
  sentBefore: [
    { level: 'reminder', on: '2026-03-06' },
    { level: 'firm_reminder', on: '2026-03-13' },
  ],
  paymentDeadline: '2026-05-04',
  suspensionOn: '2026-04-27',
  nextStep: { level: 'agency', on: '2026-05-05' },
  contact,
  payment,
});

export const samplePromiseConfirmation = (language: LetterLanguage): PromiseConfirmation => ({
  level: 'promise_confirmation',
  language,
  date: '2026-04-20',
  recipient: { name: 'Ada de Vries' },
  currency: 'EUR',
  amount: '123456',
  promisedOn: '2026-04-30',
  invoiceIds: ['INV-2026-001', 'INV-2026-014'],
  contact,
  payment,
});

export const sampleStatementCover = (language: LetterLanguage): StatementCover => ({
  language,
  date: '2026-04-20',
  recipient: { name: 'Ada de Vries' },
  currency: 'EUR',
  period: { from: '2026-01-01', to: '2026-03-31' },
  balance: '179088',
  overdue: '173456',
  contact,
  payment,
});

export const LEVEL_OF_MESSAGE: Partial<Record<LetterMessage, LetterContent['level']>> = {
  reminder: 'reminder',
  firm_reminder: 'firm_reminder',
  final_notice: 'final_notice',
  agency_handover: 'agency',
};
