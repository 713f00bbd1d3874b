import { OrderedMap, Set as ImmutableSet } from 'immutable';
import { DateTime } from 'luxon';
import { localDate } from '../shared/dates';
import { toMinor } from '../money/money';
import { type IsoDate } from '../shared/types';
import { evolveCollections, initialCollections } from './collections-state';
import { type ClientAccountEvent, type ClientRegistered } from './events';
import { settlement } from './invoice-settlement';
import { withAnnouncedPolicy } from './late-fee-policy';
import { type ClientAccountState, type InvoiceState, type PaymentState, type RegisteredAccount } from './state';

/** Folds one event into the state. Pure; events are facts, so nothing here validates. */
export const evolve = (state: ClientAccountState, event: ClientAccountEvent): ClientAccountState => {
  if (event.type === 'ClientRegistered') return registered(event);
  if (state.status === 'unregistered') throw new Error(`${event.type} before ClientRegistered in the stream of ${event.data.clientId}`);
  const account = evolveRegistered(state, event);
  const collections = evolveCollections(state.collections, event);
  return collections === state.collections ? account : { ...account, collections };
};

const registered = (event: ClientRegistered): RegisteredAccount => {
  const { data } = event;
  return {
    status: 'registered',
    clientId: data.clientId,
    name: data.name,
    currency: data.currency,
    agreement: data.agreement,
    registeredAt: data.registeredAt,
    lateFeePolicies: [{ ...(data.agreement.lateFeePolicy && { policy: data.agreement.lateFeePolicy }) }],
    invoices: OrderedMap(),
    payments: OrderedMap(),
    creditNoteIds: ImmutableSet(),
    waiverIds: ImmutableSet(),
    interactionIds: ImmutableSet(),
    promises: OrderedMap(),
    collections: evolveCollections(initialCollections(), event),
  };
};

const evolveRegistered = (
  account: RegisteredAccount,
  event: Exclude<ClientAccountEvent, { type: 'ClientRegistered' }>,
): RegisteredAccount => {
  switch (event.type) {
    case 'AgreementChanged': {
      const { agreement, announcedAt, lateFeePolicyEffectiveFrom } = event.data;
      return {
        ...account,
        agreement,
        lateFeePolicies:
          lateFeePolicyEffectiveFrom === undefined
            ? account.lateFeePolicies
            : withAnnouncedPolicy(account.lateFeePolicies, localDate(DateTime.fromISO(announcedAt), account.agreement.timezone), {
                effectiveFrom: lateFeePolicyEffectiveFrom,
                policy: agreement.lateFeePolicy,
              }),
      };
    }
    case 'InvoiceIssued': {
      const { invoiceId, amount, issuedOn, dueOn, reference, description, prepaymentRequired } = event.data;
      const invoice: InvoiceState = {
        invoiceId,
        amount: toMinor(amount),
        issuedOn,
        dueOn,
        ...(reference !== undefined && { reference }),
        ...(description !== undefined && { description }),
        ...(prepaymentRequired && { prepaymentRequired }),
        paid: 0n,
        credited: 0n,
        writtenOff: 0n,
        outstanding: toMinor(amount),
        charges: { lateFees: 0n, interest: 0n },
      };
      return { ...account, invoices: account.invoices.set(invoiceId, invoice) };
    }
    case 'PaymentReceived': {
      const { paymentId, amount, receivedOn } = event.data;
      const payment: PaymentState = {
        paymentId,
        amount: toMinor(amount),
        receivedOn,
        applications: [],
        feeSettlements: [],
        unapplied: toMinor(amount),
      };
      return { ...account, payments: account.payments.set(paymentId, payment) };
    }
    case 'PaymentAllocated':
    case 'CreditApplied': {
      const { paymentId, invoiceId } = event.data;
      const amount = toMinor(event.data.amount);
      const payment = known(account.payments, paymentId, event.type);
      const invoice = known(account.invoices, invoiceId, event.type);
      // Credit settles an invoice no earlier than the invoice exists.
      const settledOn = event.type === 'CreditApplied' && invoice.issuedOn > payment.receivedOn ? invoice.issuedOn : payment.receivedOn;
      return {
        ...withInvoice(account, invoiceId, (it) => settle({ ...it, paid: it.paid + amount }, settledOn)),
        payments: account.payments.set(paymentId, {
          ...payment,
          applications: [...payment.applications, { invoiceId, amount, via: event.type === 'CreditApplied' ? 'credit' : 'allocation' }],
          unapplied: payment.unapplied - amount,
        }),
      };
    }
    case 'FeesSettled': {
      const { paymentId, invoiceId } = event.data;
      const [lateFee, interest] = [toMinor(event.data.lateFee), toMinor(event.data.interest)];
      const payment = known(account.payments, paymentId, event.type);
      known(account.invoices, invoiceId, event.type);
      return {
        ...account,
        payments: account.payments.set(paymentId, {
          ...payment,
          feeSettlements: [...payment.feeSettlements, { invoiceId, lateFee, interest }],
          unapplied: payment.unapplied - lateFee - interest,
        }),
      };
    }
    case 'PaymentReversed': {
      const { paymentId, reason, reversedOn, deallocations } = event.data;
      const reopened = deallocations.reduce(
        (acc, { invoiceId, amount }) => withInvoice(acc, invoiceId, (it) => settle({ ...it, paid: it.paid - toMinor(amount) }, reversedOn)),
        account,
      );
      const payment = known(account.payments, paymentId, event.type);
      return {
        ...reopened,
        payments: account.payments.set(paymentId, { ...payment, unapplied: 0n, reversed: { reversedOn, reason } }),
      };
    }
    case 'CreditNoteIssued': {
      const { creditNoteId, invoiceId, issuedOn } = event.data;
      const amount = toMinor(event.data.amount);
      return {
        ...withInvoice(account, invoiceId, (it) => settle({ ...it, credited: it.credited + amount }, issuedOn)),
        creditNoteIds: account.creditNoteIds.add(creditNoteId),
      };
    }
    case 'InvoiceWrittenOff': {
      const { invoiceId, writtenOffOn } = event.data;
      const amount = toMinor(event.data.amount);
      return withInvoice(account, invoiceId, (it) => settle({ ...it, writtenOff: it.writtenOff + amount }, writtenOffOn));
    }
    case 'InteractionLogged':
      return { ...account, interactionIds: account.interactionIds.add(event.data.interactionId) };
    case 'PromiseToPayMade': {
      const { interactionId, promisedOn, madeAt } = event.data;
      return {
        ...account,
        promises: account.promises.set(interactionId, {
          interactionId,
          amount: toMinor(event.data.amount),
          promisedOn,
          madeAt,
          outcome: 'open',
        }),
      };
    }
    case 'PromiseKept':
    case 'PromiseBroken': {
      const promise = known(account.promises, event.data.interactionId, event.type);
      const outcome = event.type === 'PromiseKept' ? 'kept' : 'broken';
      return { ...account, promises: account.promises.set(promise.interactionId, { ...promise, outcome }) };
    }
    case 'DisputeRaised': {
      const { interactionId, invoiceId, reason, raisedAt } = event.data;
      return withInvoice(account, invoiceId, (it) => ({ ...it, openDispute: { interactionId, reason, raisedAt } }));
    }
    case 'DisputeResolved':
      return withInvoice(account, event.data.invoiceId, ({ openDispute: _resolved, ...it }) => it);
    // The collections case is folded by evolveCollections.
    case 'CollectionsPaused':
    case 'CollectionsResumed':
    case 'CollectionsEscalated':
    case 'ReminderScheduled':
    case 'ReminderDelivered':
    case 'ReminderDeliveryFailed':
    case 'ReminderWithdrawn':
    case 'CreditHoldPlaced':
    case 'CreditHoldReleased':
    case 'TermsTightened':
    case 'AgencyHandoverProposed':
    case 'AgencyHandoverRejected':
    case 'HandedToAgency':
    case 'CollectionsResolved':
    case 'CollectionsLevelCorrected':
      return account;
    case 'LateFeeWaived':
    case 'LateInterestWaived':
      return { ...account, waiverIds: account.waiverIds.add(event.data.waiverId) };
    case 'LateFeeCharged': {
      const { invoiceId, chargedOn } = event.data;
      const amount = toMinor(event.data.amount);
      return withInvoice(account, invoiceId, (it) => ({
        ...it,
        charges: { ...it.charges, lateFees: it.charges.lateFees + amount, lateFeeChargedOn: chargedOn },
      }));
    }
    case 'LateInterestCharged': {
      const { invoiceId, periodTo } = event.data;
      const amount = toMinor(event.data.amount);
      return withInvoice(account, invoiceId, (it) => ({
        ...it,
        charges: { ...it.charges, interest: it.charges.interest + amount, interestChargedThrough: periodTo },
      }));
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};

/** Recomputes the outstanding amount and `paidOn`; `on` is the date of the change. */
const settle = (invoice: InvoiceState, on: IsoDate): InvoiceState => {
  const { paidOn: _previous, ...rest } = invoice;
  return { ...rest, ...settlement(invoice, on) };
};

const withInvoice = (
  account: RegisteredAccount,
  invoiceId: string,
  update: (invoice: InvoiceState) => InvoiceState,
): RegisteredAccount => ({
  ...account,
  invoices: account.invoices.set(invoiceId, update(known(account.invoices, invoiceId, 'invoice update'))),
});

/** Events are facts: one that refers to something the stream never recorded means the stream is corrupt. */
const known = <T>(map: OrderedMap<string, T>, id: string, what: string): T => {
  const value = map.get(id);
  if (value === undefined) throw new Error(`${what} refers to unknown ${id}`);
  return value;
};
