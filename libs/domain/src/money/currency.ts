import { invalid } from '../shared/errors';

/** ISO 4217 codes the runtime's ICU knows; read once, it never changes while the process runs. */
let knownCurrencies: ReadonlySet<string> | undefined;
const exponents = new Map<string, number>();

export const isCurrency = (code: string): boolean => {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
};

/** Rejects anything but an upper-case ISO 4217 code (`EUR`, not `eur`). */
export const assertCurrency = (code: string, field = 'currency'): void => {
  if (!isCurrency(code)) throw invalid('unknown_currency', `"${code}" is not an ISO 4217 currency code`, field);
};

/** Number of decimals of the currency's minor unit (EUR 2, JPY 0, KWD 3), from ICU's ISO 4217 data. */
export const currencyExponent = (currency: string): number => {
  const cached = exponents.get(currency);
  if (cached !== undefined) return cached;
  assertCurrency(currency);
  const exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  if (exponent === undefined) throw new Error(`The runtime's ICU data has no minor unit for ${currency}`);
  exponents.set(currency, exponent);
  return exponent;
};
