import {
  assessSolvency,
  type BehaviourFacts,
  computePaymentBehaviour,
  DEFAULT_METRICS_CONFIG,
  type MetricsConfig,
  type PaymentBehaviour,
  type Solvency,
  toMinor,
} from '@settle/domain';
import { type DateTime } from 'luxon';

/** Everything the portfolio shows of one client, evaluated at one instant. */
export interface ClientFigures {
  facts: BehaviourFacts;
  behaviour: PaymentBehaviour;
  solvency: Solvency;
  /** Payment money not (or no longer) settling an invoice: received and not reversed, less what it paid. */
  unappliedCredit: bigint;
  /** What the client owes net: outstanding less unapplied credit, as on the account (SPEC 4.1). */
  balance: bigint;
}

export const unappliedCreditOf = (facts: BehaviourFacts): bigint => {
  const received = facts.payments
    .filter((payment) => payment.reversedOn === undefined)
    .reduce((total, payment) => total + toMinor(payment.amount), 0n);
  const applied = facts.invoices.reduce((total, invoice) => total + toMinor(invoice.paid), 0n);
  return received - applied;
};

export const clientFigures = (facts: BehaviourFacts, now: DateTime, config: MetricsConfig = DEFAULT_METRICS_CONFIG): ClientFigures => {
  const behaviour = computePaymentBehaviour(facts, now, config);
  const unappliedCredit = unappliedCreditOf(facts);
  return {
    facts,
    behaviour,
    solvency: assessSolvency(facts, now, config, behaviour),
    unappliedCredit,
    balance: behaviour.outstanding - unappliedCredit,
  };
};
