import { DateTime } from 'luxon';
import { currencyExponent, formatMinorUnits, type IsoDate, type LetterLanguage, type MinorUnits } from '@settle/domain';

/** The locale each language's figures are written in: CLDR's separators and month names (ru groups digits with a no-break space). */
export const LETTER_LOCALES: Record<LetterLanguage, string> = { en: 'en-GB', nl: 'nl-NL', de: 'de-DE', ru: 'ru-RU' };

/** Intl formats a decimal string exactly (ES2023: no float on the way); the ES2022 typings do not list strings yet. */
const exactly = (language: LetterLanguage, options: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(LETTER_LOCALES[language], options).format as unknown as (decimal: string) => string;

/** An amount in minor units as the language writes money: `€1,234.56`, `€ 1.234,56`, `1.234,56 €`, `1 234,56 €`. */
export const formatMoney = (minor: MinorUnits, currency: string, language: LetterLanguage): string =>
  exactly(language, { style: 'currency', currency })(formatMinorUnits(BigInt(minor), currency));

/**
 * A major-unit decimal string ("-1234.5") as a figure in a column headed by its currency, with the
 * currency's decimals and without its symbol: `-1,234.50`, `-1.234,50`, `-1 234,50`.
 */
export const formatAmount = (decimal: string, currency: string, language: LetterLanguage): string => {
  const decimals = currencyExponent(currency);
  return exactly(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })(decimal);
};

/** A percentage kept as a decimal string ("10.50"), written as the language does: `10.50%`, `10,50 %`. */
export const formatPercent = (percent: string, language: LetterLanguage): string =>
  exactly(language, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 6 })(`${percent}E-2`);

/** A date in running text: `9 March 2026`, `9 maart 2026`, `9. März 2026`, `9 марта 2026 г.` */
export const formatLongDate = (date: IsoDate, language: LetterLanguage): string =>
  DateTime.fromISO(date, { zone: 'utc' }).setLocale(LETTER_LOCALES[language]).toLocaleString(DateTime.DATE_FULL);

/** A date in a table: `09/03/2026`, `09-03-2026`, `09.03.2026`. */
export const formatShortDate = (date: IsoDate, language: LetterLanguage): string =>
  DateTime.fromISO(date, { zone: 'utc' })
    .setLocale(LETTER_LOCALES[language])
    .toLocaleString({ day: '2-digit', month: '2-digit', year: 'numeric' });
