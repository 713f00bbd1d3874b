import {
  type AccountManager,
  type ClientFacingLevel,
  type IsoDate,
  type LetterContent,
  type LetterLanguage,
  type MinorUnits,
  type PromiseConfirmationContent,
} from '@settle/domain';

/** One template per message and language (SPEC 9). */
export const LETTER_MESSAGES = [
  'reminder',
  'firm_reminder',
  'final_notice',
  'agency_handover',
  'promise_confirmation',
  'statement_cover',
] as const;
export type LetterMessage = (typeof LETTER_MESSAGES)[number];

/** The three parts of each message: `<language>/<message>.<part>` in the templates folder. */
export type LetterPart = 'subject.txt' | 'html' | 'txt';

/** The message a client-facing collections step sends. */
export const messageForLevel = (level: ClientFacingLevel): LetterMessage => (level === 'agency' ? 'agency_handover' : level);

/** What a client receives: a subject, and the letter as HTML and as plain text. */
export interface RenderedLetter {
  language: LetterLanguage;
  subject: string;
  html: string;
  text: string;
}

/** How the client pays: as on a collections letter. */
export type PaymentBlock = NonNullable<LetterContent['payment']>;

/** The confirmation of a client's promise to pay: its figures, as the collections process records them. */
export type PromiseConfirmation = PromiseConfirmationContent;

/** The covering letter of a statement of account. */
export interface StatementCover {
  language: LetterLanguage;
  /** The client-local day of the letter. */
  date: IsoDate;
  recipient: { name: string };
  currency: string;
  /** The statement's period, client-local days. */
  period: { from: IsoDate; to: IsoDate };
  /** The balance at the end of the period (minor units): principal, fees and interest less unapplied credit. */
  balance: MinorUnits;
  /** Of which overdue (minor units). */
  overdue: MinorUnits;
  contact?: AccountManager;
  payment?: PaymentBlock;
}
