import { type BehaviourFacts, type InvoiceFacts, type PaymentFacts, type PromiseFacts } from '@settle/domain';

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
