import { DateTime } from 'luxon';
import { CONTACT, clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type Agreement } from '../../agreement/agreement';
import { normalizeAgreement } from '../../agreement/normalize-agreement';
import { type AgreementInput } from '../../agreement/agreement-input';
import { stateFromEvents } from '../client-account.decider';
import { lateFeePolicyOn } from '../late-fee-policy';
import { type RegisteredAccount } from '../state';

// Monday 2 March 2026; 30 days' notice ends on 1 April.
const NOW = '2026-03-02T10:00:00Z';
const given = givenClientAccount(NOW);
const input = (agreement: Partial<AgreementInput> = {}): AgreementInput => ({ contact: CONTACT, ...agreement });
const agreement = (agreementInput: Partial<AgreementInput> = {}) => normalizeAgreement(input(agreementInput), 'EUR');
const change = (agreementInput: Partial<AgreementInput>, lateFeePolicyEffectiveFrom?: string) =>
  clientCommand('ChangeAgreement', { agreement: input(agreementInput), ...(lateFeePolicyEffectiveFrom && { lateFeePolicyEffectiveFrom }) });
const changed = (agreementInput: Partial<AgreementInput>, lateFeePolicyEffectiveFrom?: string, announcedAt = '2026-03-02T10:00:00.000Z') =>
  clientEvent('AgreementChanged', {
    agreement: agreement(agreementInput),
    announcedAt,
    ...(lateFeePolicyEffectiveFrom && { lateFeePolicyEffectiveFrom }),
  });

const withFee = { lateFeePolicy: { fixedFee: '40.00' } };

describe('ChangeAgreement', () => {
  it('takes effect at once when the late-fee policy is unchanged', () => {
    given([clientRegistered()])
      .when(change({ paymentTerms: { type: 'net', days: 14 }, responseTimeBusinessDays: 1 }))
      .then([changed({ paymentTerms: { type: 'net', days: 14 }, responseTimeBusinessDays: 1 })]);
  });

  it('records nothing when the agreement is identical', () => {
    given([clientRegistered({ agreement: withFee })])
      .when(change(withFee))
      .then([]);
  });

  it('sees an identical agreement even when a JSON store reordered its keys', () => {
    const registered = clientRegistered({ agreement: withFee });
    const { contact, lateFeePolicy: _policy, ...rest } = registered.data.agreement;
    const shuffled = {
      ...Object.fromEntries(Object.entries(rest).reverse()),
      lateFeePolicy: { graceDays: 0, compounding: 'simple', fixedFee: '4000' },
      contact,
    } as Agreement;
    expect(JSON.stringify(shuffled)).not.toEqual(JSON.stringify(registered.data.agreement));
    given([{ ...registered, data: { ...registered.data, agreement: shuffled } }])
      .when(change(withFee))
      .then([]);
  });

  describe('a late-fee policy change (notice rule)', () => {
    it('takes effect after the notice period by default', () => {
      given([clientRegistered()])
        .when(change(withFee))
        .then([changed(withFee, '2026-04-01')]);
    });

    it('counts the notice from today in the client time zone', () => {
      // 23:30 UTC on 2 March is already 3 March in Amsterdam.
      const amsterdam = { timezone: 'Europe/Amsterdam' };
      given([clientRegistered({ agreement: amsterdam })])
        .when(change({ ...amsterdam, ...withFee }), DateTime.fromISO('2026-03-02T23:30:00Z'))
        .then([changed({ ...amsterdam, ...withFee }, '2026-04-02', '2026-03-02T23:30:00.000Z')]);
    });

    it('accepts exactly the end of the notice period, or later', () => {
      given([clientRegistered()])
        .when(change(withFee, '2026-04-01'))
        .then([changed(withFee, '2026-04-01')]);
      given([clientRegistered()])
        .when(change(withFee, '2026-06-01'))
        .then([changed(withFee, '2026-06-01')]);
    });

    it('refuses an effective date inside the notice period', () => {
      given([clientRegistered()]).when(change(withFee, '2026-03-31')).thenThrows('rule', 'notice_period');
    });

    it('applies to raising, lowering and removing fees alike', () => {
      given([clientRegistered({ agreement: withFee })])
        .when(change({ lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '8' } }, '2026-03-20'))
        .thenThrows('rule', 'notice_period');
      given([clientRegistered({ agreement: withFee })])
        .when(change({}))
        .then([changed({}, '2026-04-01')]);
    });

    it('uses the notice period of the agreement in force, so a change cannot shorten its own notice', () => {
      given([clientRegistered({ agreement: { noticeDays: 60 } })])
        .when(change({ ...withFee, noticeDays: 0 }))
        .then([changed({ ...withFee, noticeDays: 0 }, '2026-05-01')]);
    });

    it('refuses an effective date that is not a date', () => {
      given([clientRegistered()]).when(change(withFee, '1 April')).thenThrows('validation', 'invalid_date', 'lateFeePolicyEffectiveFrom');
    });

    it('ignores an effective date re-sent with an unchanged policy', () => {
      given([clientRegistered({ agreement: withFee })])
        .when(change({ ...withFee, responseTimeBusinessDays: 1 }, '2026-03-03'))
        .then([changed({ ...withFee, responseTimeBusinessDays: 1 })]);
    });
  });

  it('refuses an invalid agreement', () => {
    given([clientRegistered()])
      .when(change({ businessHours: { weekdays: [1], start: '18:00', end: '08:00' } }))
      .thenThrows('validation', 'invalid_business_hours', 'agreement.businessHours.end');
  });
});

describe('lateFeePolicyOn', () => {
  const account = (...events: Parameters<typeof stateFromEvents>[0]) =>
    stateFromEvents([clientRegistered({ agreement: withFee }), ...events]) as RegisteredAccount;
  const fee = (fixedFee: string) => ({ fixedFee, compounding: 'simple', graceDays: 0 });

  it('keeps the old policy until the new one takes effect', () => {
    const state = account(changed({ lateFeePolicy: { fixedFee: '50.00' } }, '2026-04-01'));
    expect(lateFeePolicyOn(state, '2026-02-01')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(state, '2026-03-31')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(state, '2026-04-01')).toEqual(fee('5000'));
    expect(lateFeePolicyOn(state, '2027-01-01')).toEqual(fee('5000'));
  });

  it('knows when a removed policy stops applying', () => {
    const state = account(changed({}, '2026-04-01'));
    expect(lateFeePolicyOn(state, '2026-03-31')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(state, '2026-04-01')).toBeUndefined();
  });

  it('lets a later announcement replace a change still pending', () => {
    const state = account(
      changed({ lateFeePolicy: { fixedFee: '50.00' } }, '2026-04-01'),
      changed({ lateFeePolicy: { fixedFee: '45.00' } }, '2026-04-15', '2026-03-10T10:00:00.000Z'),
    );
    expect(lateFeePolicyOn(state, '2026-04-01')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(state, '2026-04-15')).toEqual(fee('4500'));
  });

  it('keeps the history of changes already in force', () => {
    const state = account(
      changed({ lateFeePolicy: { fixedFee: '50.00' } }, '2026-04-01'),
      changed({ lateFeePolicy: { fixedFee: '60.00' } }, '2026-06-01', '2026-04-20T10:00:00.000Z'),
    );
    expect(lateFeePolicyOn(state, '2026-03-01')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(state, '2026-05-01')).toEqual(fee('5000'));
    expect(lateFeePolicyOn(state, '2026-06-01')).toEqual(fee('6000'));
  });

  it('is the registered policy when nothing changed, and none without one', () => {
    expect(lateFeePolicyOn(account(), '2020-01-01')).toEqual(fee('4000'));
    expect(lateFeePolicyOn(stateFromEvents([clientRegistered()]) as RegisteredAccount, '2026-03-01')).toBeUndefined();
  });
});
