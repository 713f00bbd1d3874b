import { type FormEvent, useState } from 'react';
import { clientPath, useApiQuery, useCommand } from '../api/hooks';
import { type Account } from '../api/types';
import { useCommandStamp, useServiceTime } from '../commands';
import { may, useSignedIn } from '../session/session';
import { isZeroAmount } from '../format';
import { Field, FormError } from '../ui/field';

type OpenForm = 'promise' | 'dispute' | 'pause' | null;

/** Outcomes of a call that need nothing more than the click. */
const ONE_CLICK_OUTCOMES = [
  { label: 'Client answered', interaction: { kind: 'client_response', summary: 'Called: the client answered' } },
  { label: 'No answer', interaction: { kind: 'outbound_contact', summary: 'Called: no answer' } },
];

/**
 * What came of a call, in one click: each outcome is an interaction (or a pause) recorded through the
 * API with an id chosen here once, so a double click records it once.
 */
export function OutcomePanel({
  clientId,
  currency,
  name,
  onRecorded,
}: {
  clientId: string;
  currency: string;
  name: string;
  /** Told what was recorded, for a page whose item may leave once its reason is gone (the worklist). */
  onRecorded?(what: string): void;
}) {
  const { me } = useSignedIn();
  const [open, setOpen] = useState<OpenForm>(null);
  const [done, setDone] = useState<string | null>(null);
  const stamp = useCommandStamp('INT');
  const time = useServiceTime();
  const interaction = useCommand<Record<string, unknown>>(clientPath(clientId, '/interactions'));

  if (!may.logInteraction(me.role)) return null;

  const finished = (what: string) => {
    stamp.renew();
    setOpen(null);
    setDone(what);
    onRecorded?.(`${name}: ${what}`);
  };
  const record = (body: Record<string, unknown>, what: string) => {
    setDone(null);
    // Not `mutate`'s callbacks: they are dropped when the item leaves the worklist first (the list is read again on the
    // first success, and a double submit's second answer can come after that), and the page must still say it is recorded.
    // A failure shows through `interaction.error`.
    interaction.mutateAsync({ interactionId: stamp.id(), occurredAt: stamp.at(), channel: 'phone', ...body }).then(
      () => finished(what),
      () => undefined,
    );
  };
  const toggle = (form: OpenForm) => {
    interaction.reset();
    setDone(null);
    setOpen((current) => (current === form ? null : form));
  };

  return (
    <section className="outcomes" aria-label={`Record an outcome for ${name}`}>
      <div className="outcome-buttons">
        <button type="button" aria-expanded={open === 'promise'} onClick={() => toggle('promise')}>
          Promised to pay…
        </button>
        {ONE_CLICK_OUTCOMES.map(({ label, interaction: body }) => (
          <button key={label} type="button" disabled={interaction.isPending} onClick={() => record(body, label)}>
            {label}
          </button>
        ))}
        <button type="button" aria-expanded={open === 'dispute'} onClick={() => toggle('dispute')}>
          Dispute raised…
        </button>
        {may.pauseCollections(me.role) && (
          <button type="button" aria-expanded={open === 'pause'} onClick={() => toggle('pause')}>
            Pause until…
          </button>
        )}
      </div>
      {open === 'promise' && (
        <PromiseForm
          currency={currency}
          defaultDate={time.date(7)}
          pending={interaction.isPending}
          error={interaction.error}
          onSubmit={(amount, promisedOn) =>
            record(
              { kind: 'promise_to_pay', amount, currency, promisedOn, summary: `Called: promised ${currency} ${amount} by ${promisedOn}` },
              `Promise recorded: ${currency} ${amount} by ${promisedOn}`,
            )
          }
        />
      )}
      {open === 'dispute' && (
        <DisputeForm
          clientId={clientId}
          pending={interaction.isPending}
          error={interaction.error}
          onSubmit={(invoiceId, reason) => record({ kind: 'dispute_raised', invoiceId, reason }, `Dispute recorded on ${invoiceId}`)}
        />
      )}
      {open === 'pause' && <PauseForm clientId={clientId} defaultDate={time.date(14)} onDone={finished} />}
      {open !== 'pause' && <FormError error={interaction.error} fields={['amount', 'promisedOn', 'invoiceId', 'reason']} />}
      {done && (
        <p className="done" role="status">
          {done}
        </p>
      )}
    </section>
  );
}

function PromiseForm(props: {
  currency: string;
  defaultDate: string;
  pending: boolean;
  error: Error | null;
  onSubmit(amount: string, promisedOn: string): void;
}) {
  const [amount, setAmount] = useState('');
  const [promisedOn, setPromisedOn] = useState(props.defaultDate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(amount.trim(), promisedOn);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Promise to pay">
      <Field label={`Amount promised (${props.currency})`} field="amount" error={props.error}>
        {(control) => <input {...control} inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </Field>
      <Field label="By" field="promisedOn" error={props.error}>
        {(control) => <input {...control} type="date" required value={promisedOn} onChange={(e) => setPromisedOn(e.target.value)} />}
      </Field>
      <button type="submit" disabled={props.pending}>
        Record promise
      </button>
    </form>
  );
}

function DisputeForm(props: {
  clientId: string;
  pending: boolean;
  error: Error | null;
  onSubmit(invoiceId: string, reason: string): void;
}) {
  const account = useApiQuery<Account>(clientPath(props.clientId));
  const open = (account.data?.invoices ?? []).filter((invoice) => !isZeroAmount(invoice.outstanding));
  const [invoiceId, setInvoiceId] = useState('');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(invoiceId || open[0]?.invoiceId || '', reason.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Dispute raised">
      <Field label="Invoice" field="invoiceId" error={props.error}>
        {(control) => (
          <select {...control} value={invoiceId || open[0]?.invoiceId || ''} onChange={(e) => setInvoiceId(e.target.value)}>
            {open.map((invoice) => (
              <option key={invoice.invoiceId} value={invoice.invoiceId}>
                {invoice.invoiceId} ({invoice.outstanding} open)
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reason" field="reason" error={props.error}>
        {(control) => <input {...control} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" disabled={props.pending || open.length === 0}>
        Record dispute
      </button>
    </form>
  );
}

function PauseForm({ clientId, defaultDate, onDone }: { clientId: string; defaultDate: string; onDone(what: string): void }) {
  const stamp = useCommandStamp('PAUSE');
  const pause = useCommand<{ pauseId: string; until: string; reason: string }>(clientPath(clientId, '/collections/pause'));
  const [until, setUntil] = useState(defaultDate);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pause.mutate(
      { pauseId: stamp.id(), until, reason: reason.trim() },
      {
        onSuccess: () => {
          stamp.renew();
          onDone(`Collections paused through ${until}`);
        },
      },
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Pause collections">
      <Field label="Pause through" field="until" error={pause.error}>
        {(control) => <input {...control} type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />}
      </Field>
      <Field label="Reason" field="reason" error={pause.error}>
        {(control) => <input {...control} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" disabled={pause.isPending}>
        Pause collections
      </button>
      <FormError error={pause.error} fields={['until', 'reason']} />
    </form>
  );
}
