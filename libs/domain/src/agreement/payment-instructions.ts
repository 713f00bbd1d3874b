import { electronicFormatIBAN, isValidBIC, validateIBAN } from 'ibantools';
import { invalid } from '../shared/errors';
import { type PaymentInstructionsInput } from './agreement-input';
import {
  LETTER_LANGUAGES,
  type LetterLanguage,
  PAYMENT_REFERENCE_SCHEMES,
  type PaymentInstructions,
  type PaymentReferenceScheme,
} from './agreement';
import { requiredText } from './input-checks';

export const letterLanguage = (value: LetterLanguage, field: string): LetterLanguage => {
  if (!LETTER_LANGUAGES.includes(value)) throw invalid('invalid_language', `${field} must be one of ${LETTER_LANGUAGES.join(', ')}`, field);
  return value;
};

/** The payment block of the letters: the IBAN checked by its country's length and format and its check digits (ibantools). */
export const paymentInstructions = (input: PaymentInstructionsInput, field: string): PaymentInstructions => {
  if (typeof input !== 'object' || input === null) throw invalid('required', `${field} must be an object`, field);
  const iban = electronicFormatIBAN(requiredText(input.iban, `${field}.iban`)) ?? '';
  if (!validateIBAN(iban).valid) throw invalid('invalid_iban', `${field}.iban is not a valid IBAN`, `${field}.iban`);
  const bic = input.bic === undefined ? undefined : requiredText(input.bic, `${field}.bic`).replace(/\s+/g, '').toUpperCase();
  if (bic !== undefined && !isValidBIC(bic)) throw invalid('invalid_bic', `${field}.bic is not a valid BIC`, `${field}.bic`);
  const reference: PaymentReferenceScheme = input.reference ?? 'invoice_number';
  if (!PAYMENT_REFERENCE_SCHEMES.includes(reference)) {
    throw invalid(
      'invalid_reference_scheme',
      `${field}.reference must be one of ${PAYMENT_REFERENCE_SCHEMES.join(', ')}`,
      `${field}.reference`,
    );
  }
  return {
    beneficiary: requiredText(input.beneficiary, `${field}.beneficiary`).trim(),
    iban,
    ...(bic !== undefined && { bic }),
    reference,
  };
};

/** ISO 11649 allows at most 21 letters and digits after `RF` and the two check digits. */
const MAX_REFERENCE_BODY = 21;

/** ISO 7064 MOD 97-10 over letters and digits, letters counting A = 10 … Z = 35 (as in IBANs). */
const mod97 = (text: string): bigint => BigInt([...text].map((char) => parseInt(char, 36)).join('')) % 97n;

/**
 * The ISO 11649 creditor reference for an id: `RF`, two check digits, and the id's letters and digits
 * in upper case (`INV-2026-001` → `RF10INV2026001`). Undefined when the id has none, or more than 21:
 * such an id cannot be carried in a creditor reference, and the letter quotes it as it is.
 */
export const creditorReference = (id: string): string | undefined => {
  const body = id.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (body.length === 0 || body.length > MAX_REFERENCE_BODY) return undefined;
  const check = 98n - mod97(`${body}RF00`);
  return `RF${check.toString().padStart(2, '0')}${body}`;
};

/** Whether a creditor reference's check digits hold (what a bank checks). */
export const isValidCreditorReference = (reference: string): boolean =>
  /^RF\d{2}[0-9A-Z]{1,21}$/.test(reference) && mod97(`${reference.slice(4)}${reference.slice(0, 4)}`) === 1n;
