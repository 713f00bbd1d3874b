// Display only: amounts stay decimal strings (never floats), as the API sends them.

const fractionDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1200.00" → "1,200.00" */
export function formatAmount(major: string): string {
  const [whole, fraction] = major.replace(/^-/, '').split('.');
  return `${major.startsWith('-') ? '−' : ''}${group(whole)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Minor units as events carry them ("120000", EUR) → "1,200.00". */
export function formatMinor(minor: string, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minor.startsWith('-');
  const padded = minor.replace(/^-/, '').padStart(digits + 1, '0');
  const whole = padded.slice(0, padded.length - digits);
  const major = digits === 0 ? whole : `${whole}.${padded.slice(padded.length - digits)}`;
  return formatAmount(`${negative ? '-' : ''}${major}`);
}

/** "0.00", "0": nothing (left) to pay. */
export const isZeroAmount = (major: string): boolean => /^-?0(\.0+)?$/.test(major);

export const money = (major: string, currency: string): string => `${currency} ${formatAmount(major)}`;

/** Codes from the API ("d1_30", "firm_reminder") in words. */
export const words = (code: string): string => code.replace(/_/g, ' ');

const INSTANT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export const formatInstant = (iso: string): string => `${INSTANT.format(new Date(iso))} UTC`;

export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);

export const orDash = (value: number | string | null | undefined): string => (value === null || value === undefined ? '—' : String(value));
