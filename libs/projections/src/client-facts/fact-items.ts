import { type BehaviourFacts, type InvoiceFacts, type IsoDate, type PaymentFacts, type PromiseFacts } from '@settle/domain';

/**
 * How the client facts view stores `BehaviourFacts`: the client-level fields in one row per client,
 * and every element of its lists in a row of its own (an "item"), so that an event rewrites only the
 * one or two small rows it changes, however long the client's history. Item kinds are the names of
 * the lists in `BehaviourFacts`.
 */

/** Lists whose elements change after they are added (an invoice gets paid); stored by their id. */
export const KEYED_KINDS = ['invoices', 'payments', 'promises'] as const;
export type KeyedKind = (typeof KEYED_KINDS)[number];

/** Lists that only grow; stored by their position. */
export const APPENDED_KINDS = [
  'outboundContacts',
  'clientResponses',
  'meetingsHeld',
  'meetingsMissed',
  'pricePushbacks',
  'decisionMakerChanges',
] as const;
export type AppendedKind = (typeof APPENDED_KINDS)[number];

export type ItemKind = KeyedKind | AppendedKind;
export const ITEM_KINDS: readonly ItemKind[] = [...KEYED_KINDS, ...APPENDED_KINDS];

/** Everything but the lists. */
export type ClientLevelFacts = Omit<BehaviourFacts, ItemKind>;

type KeyedItem = InvoiceFacts | PaymentFacts | PromiseFacts;

export const keyOfItem = (kind: KeyedKind, item: KeyedItem): string => {
  switch (kind) {
    case 'invoices':
      return (item as InvoiceFacts).invoiceId;
    case 'payments':
      return (item as PaymentFacts).paymentId;
    case 'promises':
      return (item as PromiseFacts).interactionId;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown item kind ${String(unknown)}`);
    }
  }
};

const emptyLists = (): Pick<BehaviourFacts, ItemKind> => ({
  invoices: [],
  payments: [],
  promises: [],
  outboundContacts: [],
  clientResponses: [],
  meetingsHeld: [],
  meetingsMissed: [],
  pricePushbacks: [],
  decisionMakerChanges: [],
});

/** Facts from the client row and its items, the items in the order they were added. */
export const assembleFacts = (client: ClientLevelFacts, items: readonly { kind: ItemKind; data: unknown }[]): BehaviourFacts => {
  const lists = emptyLists();
  for (const { kind, data } of items) (lists[kind] as unknown[]).push(data);
  return { ...client, ...lists };
};

/**
 * The ids of stored items an event may read or change: every invoice, payment and promise it names.
 * Found by the ids it carries rather than by its type, so that a new event type cannot be missed;
 * naming an item that does not exist (a new invoice, an interaction that is no promise) costs a lookup.
 */
export const itemsNamedBy = (data: unknown): { kind: KeyedKind; key: string }[] => {
  const { invoiceId, paymentId, interactionId, deallocations } = (data ?? {}) as {
    invoiceId?: unknown;
    paymentId?: unknown;
    interactionId?: unknown;
    deallocations?: { invoiceId?: unknown }[];
  };
  const named: { kind: KeyedKind; key: string }[] = [];
  if (typeof invoiceId === 'string') named.push({ kind: 'invoices', key: invoiceId });
  if (typeof paymentId === 'string') named.push({ kind: 'payments', key: paymentId });
  if (typeof interactionId === 'string') named.push({ kind: 'promises', key: interactionId });
  for (const deallocation of Array.isArray(deallocations) ? deallocations : []) {
    if (typeof deallocation.invoiceId === 'string') named.push({ kind: 'invoices', key: deallocation.invoiceId });
  }
  return named;
};

/** The earliest date PostgreSQL's `date` holds (4714-11-24 BC, ISO year -4713) and the latest (5874897-12-31). */
const POSTGRES_FIRST_DATE = '4714-11-24 BC';
const POSTGRES_LAST_YEAR = 5_874_897;
const POSTGRES_FIRST_DAY = -4713 * 10_000 + 11 * 100 + 24;

/**
 * A date as PostgreSQL's `date` reads it, for the column that only filters (`open_due_on`). ISO 8601
 * (luxon, the domain) writes years beyond 9999 signed (`+010000-01-30`), which PostgreSQL takes for a
 * time zone, and counts a year 0, which PostgreSQL writes 1 BC. A date before what `date` holds is its
 * first date (it is due before any other); one after it is none (no date compared with it is later).
 */
export const postgresDate = (date: IsoDate): string | null => {
  const match = /^([+-]?\d{4,6})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const [, yearText, month, day] = match;
  const year = Number(yearText);
  if (year > POSTGRES_LAST_YEAR) return null;
  if (year * 10_000 + Number(month) * 100 + Number(day) < POSTGRES_FIRST_DAY) return POSTGRES_FIRST_DATE;
  return year >= 1 ? `${String(year).padStart(4, '0')}-${month}-${day}` : `${String(1 - year).padStart(4, '0')}-${month}-${day} BC`;
};
