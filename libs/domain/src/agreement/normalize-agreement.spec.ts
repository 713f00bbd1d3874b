import { type AgreementInput } from './agreement-input';
import { normalizeAgreement } from './normalize-agreement';

const contact = { name: 'Ada', email: 'ada@acme.test', preferredChannel: 'email' } as const;
const normalize = (input: Partial<AgreementInput>, currency = 'EUR') =>
  normalizeAgreement({ contact, ...input } as AgreementInput, currency);
const refused = (input: Partial<AgreementInput>, code: string, field: string, currency = 'EUR') =>
  expect(() => normalize(input, currency)).toThrow(expect.objectContaining({ kind: 'validation', code, field }));

describe('normalizeAgreement', () => {
  it('applies the defaults', () => {
    expect(normalize({})).toEqual({
      paymentTerms: { type: 'net', days: 30 },
      timezone: 'UTC',
      businessHours: { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      holidays: [],
      contact,
      responseTimeBusinessDays: 2,
      noticeDays: 30,
    });
  });

  it('keeps what was given, fees in minor units, holidays sorted and unique', () => {
    const agreement = normalize({
      paymentTerms: { type: 'end_of_month', days: 15 },
      timezone: 'Europe/Amsterdam',
      businessHours: { weekdays: [5, 1, 2, 3, 4, 1], start: '08:30', end: '16:00' },
      holidays: ['2026-12-25', '2026-04-27', '2026-12-25'],
      contact: { ...contact, phone: '+31 20 000 0000' },
      accountManager: { name: 'Bob Us' },
      responseTimeBusinessDays: 1,
      lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '10.50' },
      noticeDays: 45,
      creditLimit: '25000',
    });
    expect(agreement).toEqual({
      paymentTerms: { type: 'end_of_month', days: 15 },
      timezone: 'Europe/Amsterdam',
      businessHours: { weekdays: [1, 2, 3, 4, 5], start: '08:30', end: '16:00' },
      holidays: ['2026-04-27', '2026-12-25'],
      contact: { ...contact, phone: '+31 20 000 0000' },
      accountManager: { name: 'Bob Us' },
      responseTimeBusinessDays: 1,
      lateFeePolicy: { fixedFee: '4000', annualInterestRate: '10.50', compounding: 'simple', graceDays: 0 },
      noticeDays: 45,
      creditLimit: '2500000',
    });
  });

  it('converts fees with the currency exponent', () => {
    expect(normalize({ lateFeePolicy: { fixedFee: '5000', compounding: 'annual', graceDays: 3 } }, 'JPY').lateFeePolicy).toEqual({
      fixedFee: '5000',
      compounding: 'annual',
      graceDays: 3,
    });
    expect(normalize({ lateFeePolicy: { fixedFee: '12.345' } }, 'KWD').lateFeePolicy?.fixedFee).toBe('12345');
    refused({ lateFeePolicy: { fixedFee: '40.5' } }, 'too_many_decimals', 'agreement.lateFeePolicy.fixedFee', 'JPY');
  });

  it('keeps the agreed ladder rungs, in calendar days unless told otherwise', () => {
    expect(
      normalize({ collectionsLadder: { reminder: { days: 3, unit: 'business_days' }, call: { days: 20 } } }).collectionsLadder,
    ).toEqual({
      reminder: { days: 3, unit: 'business_days' },
      call: { days: 20, unit: 'calendar_days' },
    });
  });

  it('keeps the collections settings agreed with the client, and leaves the others to the process', () => {
    expect(normalize({ minimumStepSpacingDays: 10, finalNoticeDays: 21, agencyRequiresApproval: false })).toMatchObject({
      minimumStepSpacingDays: 10,
      finalNoticeDays: 21,
      agencyRequiresApproval: false,
    });
    expect(normalize({ finalNoticeDays: 30 })).not.toHaveProperty('minimumStepSpacingDays');
    expect(normalize({ bookingLagBusinessDays: 0 })).toMatchObject({ bookingLagBusinessDays: 0 });
  });

  it.each([
    [{ timezone: 'Mars/Olympus_Mons' }, 'unknown_timezone', 'agreement.timezone'],
    [{ paymentTerms: { type: 'net', days: -1 } }, 'not_a_non_negative_integer', 'agreement.paymentTerms.days'],
    [{ paymentTerms: { type: 'net', days: 1.5 } }, 'not_a_non_negative_integer', 'agreement.paymentTerms.days'],
    [{ paymentTerms: { type: 'whenever' } }, 'unknown_payment_terms', 'agreement.paymentTerms.type'],
    [{ businessHours: { weekdays: [], start: '09:00', end: '17:00' } }, 'invalid_weekdays', 'agreement.businessHours.weekdays'],
    [{ businessHours: { weekdays: [0, 1], start: '09:00', end: '17:00' } }, 'invalid_weekdays', 'agreement.businessHours.weekdays'],
    [{ businessHours: { weekdays: [1], start: '9:00', end: '17:00' } }, 'invalid_time', 'agreement.businessHours.start'],
    [{ businessHours: { weekdays: [1], start: '09:00', end: '24:00' } }, 'invalid_time', 'agreement.businessHours.end'],
    [{ businessHours: { weekdays: [1], start: '17:00', end: '09:00' } }, 'invalid_business_hours', 'agreement.businessHours.end'],
    [{ holidays: ['2026-12-25', '25-12-2026'] }, 'invalid_date', 'agreement.holidays.1'],
    [{ contact: { ...contact, email: 'nope' } }, 'invalid_email', 'agreement.contact.email'],
    [{ contact: { ...contact, name: ' ' } }, 'required', 'agreement.contact.name'],
    [{ contact: { ...contact, preferredChannel: 'pigeon' } }, 'invalid_channel', 'agreement.contact.preferredChannel'],
    [{ contact: undefined }, 'required', 'agreement.contact'],
    [{ accountManager: { name: '' } }, 'required', 'agreement.accountManager.name'],
    [{ responseTimeBusinessDays: -2 }, 'not_a_non_negative_integer', 'agreement.responseTimeBusinessDays'],
    [{ noticeDays: -1 }, 'not_a_non_negative_integer', 'agreement.noticeDays'],
    [{ lateFeePolicy: { annualInterestRate: '-1' } }, 'invalid_rate', 'agreement.lateFeePolicy.annualInterestRate'],
    [{ lateFeePolicy: { annualInterestRate: '10%' } }, 'invalid_rate', 'agreement.lateFeePolicy.annualInterestRate'],
    [{ lateFeePolicy: { compounding: 'daily' } }, 'invalid_compounding', 'agreement.lateFeePolicy.compounding'],
    [{ lateFeePolicy: { graceDays: -1 } }, 'not_a_non_negative_integer', 'agreement.lateFeePolicy.graceDays'],
    [{ lateFeePolicy: { fixedFee: '-40.00' } }, 'amount_negative', 'agreement.lateFeePolicy.fixedFee'],
    [{ lateFeePolicy: { fixedFee: 'forty' } }, 'invalid_amount', 'agreement.lateFeePolicy.fixedFee'],
    [{ creditLimit: '1.001' }, 'too_many_decimals', 'agreement.creditLimit'],
    [{ collectionsLadder: { reminder: { days: 0 } } }, 'invalid_ladder_days', 'agreement.collectionsLadder.reminder.days'],
    [{ collectionsLadder: { agency: { days: 1.5 } } }, 'not_a_non_negative_integer', 'agreement.collectionsLadder.agency.days'],
    [{ collectionsLadder: { call: { days: 20, unit: 'weeks' } } }, 'invalid_ladder_unit', 'agreement.collectionsLadder.call.unit'],
    [{ collectionsLadder: { dunning: { days: 3 } } }, 'unknown_ladder_level', 'agreement.collectionsLadder.dunning'],
    // Default firm reminder at 7 days: an agreed reminder at 7 would not come before it.
    [{ collectionsLadder: { reminder: { days: 7 } } }, 'ladder_out_of_order', 'agreement.collectionsLadder.reminder'],
    [{ collectionsLadder: { final_notice: { days: 20 } } }, 'ladder_out_of_order', 'agreement.collectionsLadder.final_notice'],
    [{ minimumStepSpacingDays: 0 }, 'invalid_collections_days', 'agreement.minimumStepSpacingDays'],
    [{ finalNoticeDays: 400 }, 'invalid_collections_days', 'agreement.finalNoticeDays'],
    [{ finalNoticeDays: 2.5 }, 'not_a_non_negative_integer', 'agreement.finalNoticeDays'],
    [{ bookingLagBusinessDays: -1 }, 'not_a_non_negative_integer', 'agreement.bookingLagBusinessDays'],
    [{ agencyRequiresApproval: 'yes' }, 'not_a_boolean', 'agreement.agencyRequiresApproval'],
  ])('refuses %j (%s at %s)', (input, code, field) => {
    refused(input as Partial<AgreementInput>, code, field);
  });

  it('refuses a missing agreement, naming it', () => {
    for (const input of [undefined, null, 'net 30', []]) {
      expect(() => normalizeAgreement(input as unknown as AgreementInput, 'EUR')).toThrow(
        expect.objectContaining({ kind: 'validation', code: 'required', field: 'agreement' }),
      );
    }
  });
});
