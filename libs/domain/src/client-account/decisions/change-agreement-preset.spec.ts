import { CONTACT, clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';
import { type AgreementInput } from '../../agreement/agreement-input';
import { normalizeAgreement } from '../../agreement/normalize-agreement';
import { stateFromEvents } from '../client-account.decider';
import { lateFeePolicyOn } from '../late-fee-policy';
import { type RegisteredAccount } from '../state';

// Monday 2 March 2026; 30 days' notice ends on 1 April.
const given = givenClientAccount('2026-03-02T10:00:00Z');
const input = (agreement: Partial<AgreementInput> = {}): AgreementInput => ({ contact: CONTACT, ...agreement });
const nlStatutory = { lateFeePolicy: { preset: 'nl_b2b' as const } };

describe('lateFeePolicy.preset', () => {
  it('is kept with the compounding its law sets, and no agreed fee or rate', () => {
    expect(normalizeAgreement(input(nlStatutory), 'EUR').lateFeePolicy).toEqual({ preset: 'nl_b2b', compounding: 'annual', graceDays: 0 });
    expect(normalizeAgreement(input({ lateFeePolicy: { preset: 'uk_b2b', graceDays: 3 } }), 'GBP').lateFeePolicy).toEqual({
      preset: 'uk_b2b',
      compounding: 'simple',
      graceDays: 3,
    });
  });

  it('refuses an unknown preset, a fee or rate beside it, and another currency than its law’s', () => {
    const refusal = (agreement: Partial<AgreementInput>, currency = 'EUR') => {
      try {
        normalizeAgreement(input(agreement), currency);
      } catch (error) {
        return { code: (error as { code: string }).code, field: (error as { field?: string }).field };
      }
      throw new Error('accepted');
    };
    expect(refusal({ lateFeePolicy: { preset: 'fr_b2b' as never } })).toEqual({
      code: 'unknown_late_fee_preset',
      field: 'agreement.lateFeePolicy.preset',
    });
    expect(refusal({ lateFeePolicy: { preset: 'de_b2b', annualInterestRate: '5' } })).toEqual({
      code: 'preset_conflict',
      field: 'agreement.lateFeePolicy.annualInterestRate',
    });
    expect(refusal({ lateFeePolicy: { preset: 'uk_b2b' } }, 'EUR')).toEqual({
      code: 'preset_currency_mismatch',
      field: 'agreement.lateFeePolicy.preset',
    });
  });

  it('keeps the notice rule: a switch to a preset takes effect after the notice period', () => {
    const announced = clientEvent('AgreementChanged', {
      agreement: normalizeAgreement(input(nlStatutory), 'EUR'),
      announcedAt: '2026-03-02T10:00:00.000Z',
      lateFeePolicyEffectiveFrom: '2026-04-01',
    });
    given([clientRegistered({ agreement: { lateFeePolicy: { fixedFee: '25.00' } } })])
      .when(clientCommand('ChangeAgreement', { agreement: input(nlStatutory) }))
      .then([announced]);
    given([clientRegistered()])
      .when(clientCommand('ChangeAgreement', { agreement: input(nlStatutory), lateFeePolicyEffectiveFrom: '2026-03-20' }))
      .thenThrows('rule', 'notice_period');
    const account = stateFromEvents([
      clientRegistered({ agreement: { lateFeePolicy: { fixedFee: '25.00' } } }),
      announced,
    ]) as RegisteredAccount;
    expect(lateFeePolicyOn(account, '2026-03-31')?.preset).toBeUndefined();
    expect(lateFeePolicyOn(account, '2026-04-01')?.preset).toBe('nl_b2b');
  });
});
