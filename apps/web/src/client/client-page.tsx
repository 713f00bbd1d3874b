import { type FormEvent, useState } from 'react';
import { AgingChart, TrendChart } from '../charts/lazy-charts';
import { useParams, useSearchParams } from 'react-router';
import { clientPath, useApiQuery } from '../api/hooks';
import { type Account, type CollectionsCase, type Payment, type PaymentBehaviour, type Solvency } from '../api/types';
import { formatAmount, formatInstant, money, orDash, percent, words } from '../format';
import { OutcomePanel } from '../outcomes/outcome-panel';
import { ClientCommands } from '../forms/client-commands';
import { may, mayActOnClient, useSignedIn } from '../session/session';
import { QueryState, RiskBadge } from '../ui/field';
import { PaymentForm } from './payment-form';
import { Timeline } from './timeline';

/** `datetime-local` works in the browser's time zone; the API wants an ISO instant. */
const toInstant = (local: string) => new Date(local).toISOString();
const toLocalInput = (instant: string) => {
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

/** One client: the account, its behaviour and solvency (now or as known at any instant), the collections case, the timeline. */
export function ClientPage() {
  const clientId = useParams().clientId!;
  const { me } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const asOfQuery = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  const account = useApiQuery<Account>(clientPath(clientId, asOfQuery));
  const behaviour = useApiQuery<PaymentBehaviour>(clientPath(clientId, `/payment-behavior${asOfQuery}`));
  const solvency = useApiQuery<Solvency>(clientPath(clientId, `/solvency${asOfQuery}`));
  const collections = useApiQuery<CollectionsCase>(clientPath(clientId, '/collections'));

  const travel = (instant: string | null) => {
    const next = new URLSearchParams(params);
    if (instant) next.set('asOf', instant);
    else next.delete('asOf');
    setParams(next);
    window.scrollTo({ top: 0 });
  };

  return (
    <main>
      <h1>{account.data?.name ?? clientId}</h1>
      <TimeTravel asOf={asOf} onChange={travel} />
      <QueryState error={account.error} loading={account.isPending} />
      {account.data && <AccountSection account={account.data} />}
      {behaviour.data && account.data && <BehaviourSection behaviour={behaviour.data} currency={account.data.currency} />}
      {solvency.data && <SolvencySection solvency={solvency.data} />}
      {!asOf && collections.data && <CollectionsSection collectionsCase={collections.data} />}
      {!asOf && account.data && mayActOnClient(me.role) && (
        <section aria-labelledby="record-title">
          <h2 id="record-title">Record</h2>
          <OutcomePanel clientId={clientId} currency={account.data.currency} name={account.data.name} />
          {may.recordPayment(me.role) && (
            <PaymentForm clientId={clientId} currency={account.data.currency} invoices={account.data.invoices} />
          )}
          <ClientCommands account={account.data} />
        </section>
      )}
      <Timeline clientId={clientId} onTimeTravel={travel} />
    </main>
  );
}

function TimeTravel({ asOf, onChange }: { asOf: string | null; onChange(instant: string | null): void }) {
  const [local, setLocal] = useState(asOf ? toLocalInput(asOf) : '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (local) onChange(toInstant(local));
  };
  return (
    <form className="time-travel" onSubmit={submit} aria-label="Time travel">
      <label htmlFor="as-of">See the account as known at (your local time)</label>
      <input id="as-of" type="datetime-local" step="1" value={local} onChange={(e) => setLocal(e.target.value)} />
      <button type="submit">Show</button>
      {asOf && (
        <>
          <p className="as-of-banner" role="status">
            Showing what was known at {formatInstant(asOf)}
          </p>
          <button
            type="button"
            onClick={() => {
              setLocal('');
              onChange(null);
            }}
          >
            Back to now
          </button>
        </>
      )}
    </form>
  );
}

function AccountSection({ account }: { account: Account }) {
  const { currency } = account;
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <dl className="figures-grid">
        <dt>Balance</dt>
        <dd data-figure="balance">{money(account.balance, currency)}</dd>
        <dt>Overdue</dt>
        <dd data-figure="overdue">{money(account.overdue, currency)}</dd>
        <dt>Unapplied credit</dt>
        <dd>{money(account.unappliedCredit, currency)}</dd>
        <dt>Collections</dt>
        <dd>
          {words(account.collections.level)}
          {account.collections.pausedUntil && `, paused through ${account.collections.pausedUntil}`}
        </dd>
        <dt>Contact</dt>
        <dd>
          {account.agreement.contact.name}
          {account.agreement.contact.email && ` · ${account.agreement.contact.email}`}
          {account.agreement.contact.phone && ` · ${account.agreement.contact.phone}`}
        </dd>
      </dl>
      <table className="stack">
        <caption>Invoices</caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Issued</th>
            <th scope="col">Due</th>
            <th scope="col">Amount</th>
            <th scope="col">Outstanding</th>
            <th scope="col">Status</th>
            <th scope="col">Days overdue</th>
          </tr>
        </thead>
        <tbody>
          {account.invoices.map((invoice) => (
            <tr key={invoice.invoiceId} data-invoice={invoice.invoiceId}>
              <td data-label="Invoice">{invoice.invoiceId}</td>
              <td data-label="Issued">{invoice.issuedOn}</td>
              <td data-label="Due">{invoice.dueOn}</td>
              <td data-label="Amount" className="amount">
                {formatAmount(invoice.amount)}
              </td>
              <td data-label="Outstanding" className="amount">
                {formatAmount(invoice.outstanding)}
              </td>
              <td data-label="Status" data-status={invoice.status}>
                {words(invoice.status)}
              </td>
              <td data-label="Days overdue">{invoice.daysOverdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.payments.length > 0 && <PaymentsTable payments={account.payments} />}
    </section>
  );
}

function PaymentsTable({ payments }: { payments: Payment[] }) {
  return (
    <table className="stack">
      <caption>Payments</caption>
      <thead>
        <tr>
          <th scope="col">Payment</th>
          <th scope="col">Received</th>
          <th scope="col">Amount</th>
          <th scope="col">Paid</th>
          <th scope="col">Unapplied</th>
          <th scope="col">Reversed</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.paymentId} data-payment={payment.paymentId}>
            <td data-label="Payment">{payment.paymentId}</td>
            <td data-label="Received">{payment.receivedOn}</td>
            <td data-label="Amount" className="amount">
              {formatAmount(payment.amount)}
            </td>
            <td data-label="Paid">
              {payment.allocations.map((allocation) => `${allocation.invoiceId} ${formatAmount(allocation.amount)}`).join(', ') || '–'}
            </td>
            <td data-label="Unapplied" className="amount">
              {formatAmount(payment.unapplied)}
            </td>
            <td data-label="Reversed" data-reversed={payment.reversed !== null}>
              {payment.reversed ? `${payment.reversed.reversedOn}: ${payment.reversed.reason}` : 'no'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BehaviourSection({ behaviour, currency }: { behaviour: PaymentBehaviour; currency: string }) {
  const { trend, engagement, promises, aging } = behaviour;
  return (
    <section aria-labelledby="behaviour-title">
      <h2 id="behaviour-title">Payment behaviour</h2>
      <dl className="figures-grid">
        <dt>PAYDEX</dt>
        <dd>{orDash(behaviour.paydex)}</dd>
        <dt>On time</dt>
        <dd>{percent(behaviour.onTimeRate)}</dd>
        <dt>Average days to pay</dt>
        <dd>{orDash(behaviour.averageDaysToPay)}</dd>
        <dt>Weighted days late</dt>
        <dd>{orDash(behaviour.weightedAverageDaysLate)}</dd>
        <dt>DSO</dt>
        <dd>{orDash(behaviour.dso)}</dd>
        <dt>Trend</dt>
        <dd>
          {words(trend.direction)}
          {trend.slopeDaysPerInvoice !== null && ` (${trend.slopeDaysPerInvoice} days per invoice)`}
        </dd>
        <dt>Promises (180 days)</dt>
        <dd>
          {promises.kept} kept · {promises.broken} broken · {promises.open} open
        </dd>
        <dt>Engagement</dt>
        <dd>
          {engagement.unansweredStreak} unanswered in a row · {engagement.unansweredLast90Days} unanswered in 90 days ·{' '}
          {engagement.meetingsMissedLast90Days} meetings missed · last answer{' '}
          {engagement.lastClientResponseAt ? formatInstant(engagement.lastClientResponseAt) : 'never'}
        </dd>
      </dl>
      {trend.observations.length > 0 && <TrendChart observations={trend.observations} slope={trend.slopeDaysPerInvoice} />}
      <AgingChart buckets={aging} currency={currency} title="Aging: outstanding by days past due" />
    </section>
  );
}

function SolvencySection({ solvency }: { solvency: Solvency }) {
  return (
    <section aria-labelledby="solvency-title">
      <h2 id="solvency-title">Solvency</h2>
      <p>
        <RiskBadge level={solvency.riskLevel} score={solvency.riskScore} /> The factors below sum to the score.
      </p>
      <ul className="factors">
        {solvency.factors.map((factor) => (
          <li key={factor.code}>
            <strong>
              {words(factor.code)}: {factor.points} points
            </strong>{' '}
            — {factor.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CollectionsSection({ collectionsCase }: { collectionsCase: CollectionsCase }) {
  const { nextStep } = collectionsCase;
  return (
    <section aria-labelledby="collections-title">
      <h2 id="collections-title">Collections case</h2>
      <p data-collections-status={collectionsCase.status}>
        Level {words(collectionsCase.level)} · {words(collectionsCase.status)}
        {collectionsCase.pause && ` · paused through ${collectionsCase.pause.until}: ${collectionsCase.pause.reason}`}
      </p>
      {nextStep && (
        <p>
          Next step: {words(nextStep.level)} on {nextStep.on} (invoice {nextStep.invoiceId})
          {nextStep.waitingFor && `, held by the ${nextStep.waitingFor}`}
        </p>
      )}
      {collectionsCase.promises.length > 0 && (
        <ul aria-label="Open promises">
          {collectionsCase.promises.map((promise) => (
            <li key={promise.interactionId}>
              Promise: {money(promise.amount, collectionsCase.currency)} by {promise.promisedOn} (holds until {promise.holdsUntil})
            </li>
          ))}
        </ul>
      )}
      {collectionsCase.steps.length > 0 && (
        <ol aria-label="Steps taken">
          {collectionsCase.steps.map((step, index) => (
            <li key={index}>
              {words(step.level)} ({words(step.trigger)}) on {formatInstant(step.decidedAt)}
            </li>
          ))}
        </ol>
      )}
      <p>Fees and interest charged: {money(collectionsCase.charges.total, collectionsCase.currency)}</p>
    </section>
  );
}
