import { type DomainError } from '../shared/errors';
import { assertCurrency, currencyExponent, isCurrency } from './currency';
import { formatMinorUnits, parseMajorUnits } from './money';

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
};

describe('currencies (ISO 4217 via Intl)', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each(['XYZ', 'eur', 'EURO', '', 'E1R'])('rejects %p', (code) => {
    expect(isCurrency(code)).toBe(false);
    expect(errorOf(() => assertCurrency(code))).toMatchObject({ kind: 'validation', code: 'unknown_currency', field: 'currency' });
    expect(errorOf(() => currencyExponent(code))).toMatchObject({ kind: 'validation', code: 'unknown_currency' });
  });
});

describe('parseMajorUnits', () => {
  it.each([
    ['1250.00', 'EUR', 125000n],
    ['1250', 'EUR', 125000n],
    ['1250.5', 'EUR', 125050n],
    ['0.05', 'EUR', 5n],
    ['0', 'EUR', 0n],
    ['-5.25', 'EUR', -525n],
    ['1250', 'JPY', 1250n],
    ['1.234', 'KWD', 1234n],
    ['0.1', 'KWD', 100n],
    ['123456789012345678901234567890.12', 'EUR', 12345678901234567890123456789012n],
  ])('%s %s → %p minor units', (amount, currency, minor) => {
    expect(parseMajorUnits(amount, currency)).toBe(minor);
  });

  it.each([
    ['12.345', 'EUR'],
    ['1.000', 'EUR'], // trailing zeros count too: what was sent is what is booked
    ['1250.5', 'JPY'],
    ['1250.0', 'JPY'],
    ['1.2345', 'KWD'],
  ])('%s %s has too many decimals', (amount, currency) => {
    expect(errorOf(() => parseMajorUnits(amount, currency, 'allocations.0.amount'))).toMatchObject({
      kind: 'validation',
      code: 'too_many_decimals',
      field: 'allocations.0.amount',
    });
  });

  it.each(['', ' 1', '1 ', '+1', '.5', '5.', '1e3', '1,000.00', '1.000,00', 'NaN', '0x10', '--1', '1.2.3', '١٢'])(
    'rejects %p',
    (amount) => {
      expect(errorOf(() => parseMajorUnits(amount, 'EUR'))).toMatchObject({ kind: 'validation', code: 'invalid_amount', field: 'amount' });
    },
  );

  it('rejects an unknown currency', () => {
    expect(errorOf(() => parseMajorUnits('1', 'ABC'))).toMatchObject({ code: 'unknown_currency' });
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [125000n, 'EUR', '1250.00'],
    [5n, 'EUR', '0.05'],
    [50n, 'EUR', '0.50'],
    [0n, 'EUR', '0.00'],
    [-525n, 'EUR', '-5.25'],
    [-5n, 'EUR', '-0.05'],
    [1250n, 'JPY', '1250'],
    [0n, 'JPY', '0'],
    [1234n, 'KWD', '1.234'],
    [7n, 'KWD', '0.007'],
    [12345678901234567890123456789012n, 'EUR', '123456789012345678901234567890.12'],
  ])('%p %s → %s', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });

  it.each(['0.01', '999.99', '-12.30', '1000000.00'])('round-trips %s EUR', (amount) => {
    expect(formatMinorUnits(parseMajorUnits(amount, 'EUR'), 'EUR')).toBe(amount);
  });
});
