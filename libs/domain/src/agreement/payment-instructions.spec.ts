import { DomainError } from '../shared/errors';
import { normalizeAgreement } from './normalize-agreement';

const contact = { name: 'Ada', email: 'ada@client.example', preferredChannel: 'email' as const };
const refusal = (run: () => unknown): Pick<DomainError, 'code' | 'field'> => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('not refused');
};

describe('letters in the agreement: language and payment instructions', () => {
  it('keeps the IBAN in electronic form and the BIC in upper case; the reference defaults to the invoice number', () => {
    const agreement = normalizeAgreement(
      { contact, language: 'nl', paymentInstructions: { beneficiary: 'Our Firm B.V.', iban: 'nl91 abna 0417 1643 00', bic: 'abnanl2a' } },
      'EUR',
    );
    expect(agreement.language).toBe('nl');
    expect(agreement.paymentInstructions).toEqual({
      beneficiary: 'Our Firm B.V.',
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      reference: 'invoice_number',
    });
  });

  it('leaves the language out when not agreed (letters are then in English)', () => {
    expect(normalizeAgreement({ contact }, 'EUR').language).toBeUndefined();
  });

  it.each([
    [{ language: 'fr' }, 'invalid_language', 'agreement.language'],
    [{ paymentInstructions: { beneficiary: 'X', iban: 'NL91ABNA0417164301' } }, 'invalid_iban', 'agreement.paymentInstructions.iban'],
    [{ paymentInstructions: { beneficiary: 'X', iban: 'DE8937040044053201300' } }, 'invalid_iban', 'agreement.paymentInstructions.iban'],
    [
      { paymentInstructions: { beneficiary: 'X', iban: 'NL91ABNA0417164300', bic: 'ABN' } },
      'invalid_bic',
      'agreement.paymentInstructions.bic',
    ],
    [{ paymentInstructions: { beneficiary: ' ', iban: 'NL91ABNA0417164300' } }, 'required', 'agreement.paymentInstructions.beneficiary'],
    [
      { paymentInstructions: { beneficiary: 'X', iban: 'NL91ABNA0417164300', reference: 'ogm' } },
      'invalid_reference_scheme',
      'agreement.paymentInstructions.reference',
    ],
  ])('refuses %j with %s on %s', (fields, code, field) => {
    expect(refusal(() => normalizeAgreement({ contact, ...(fields as object) }, 'EUR'))).toEqual({ code, field });
  });
});
