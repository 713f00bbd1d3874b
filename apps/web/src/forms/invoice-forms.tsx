import { useState } from 'react';
import { clientPath, useCommand, useCommandAt } from '../api/hooks';
import { type Invoice } from '../api/types';
import { useCommandStamp, useServiceTime } from '../commands';
import { isZeroAmount } from '../format';
import { CommandForm } from '../ui/command-form';
import { Field } from '../ui/field';

const openInvoices = (invoices: Invoice[]) => invoices.filter((invoice) => !isZeroAmount(invoice.outstanding));

/** IssueInvoice (clerks): the invoice number is the command's id, so a double submit issues it once. */
export function IssueInvoiceForm({ clientId, currency }: { clientId: string; currency: string }) {
  const time = useServiceTime();
  const issue = useCommand<{ invoiceId: string; amount: string; currency: string; issuedOn: string; dueOn?: string }>(
    clientPath(clientId, '/invoices'),
  );
  const [invoiceId, setInvoiceId] = useState('');
  const [amount, setAmount] = useState('');
  const [issuedOn, setIssuedOn] = useState(time.date());
  const [dueOn, setDueOn] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = () => {
    setDone(null);
    const body = { invoiceId: invoiceId.trim(), amount: amount.trim(), currency, issuedOn, ...(dueOn ? { dueOn } : {}) };
    issue.mutate(body, {
      onSuccess: () => {
        setDone(`Invoice ${body.invoiceId} issued: ${currency} ${body.amount}`);
        setInvoiceId('');
        setAmount('');
        setDueOn('');
      },
    });
  };
  return (
    <CommandForm
      title="Issue an invoice"
      submitLabel="Issue invoice"
      pending={issue.isPending}
      error={issue.error}
      fields={['invoiceId', 'amount', 'issuedOn', 'dueOn']}
      done={done}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Invoice number" field="invoiceId" error={issue.error}>
          {(control) => <input {...control} required value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} />}
        </Field>
        <Field label={`Amount (${currency})`} field="amount" error={issue.error}>
          {(control) => <input {...control} inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field label="Issued on" field="issuedOn" error={issue.error}>
          {(control) => <input {...control} type="date" required value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} />}
        </Field>
        <Field label="Due on (empty: from the payment terms)" field="dueOn" error={issue.error}>
          {(control) => <input {...control} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
        </Field>
      </div>
    </CommandForm>
  );
}

function InvoiceSelect(props: { invoices: Invoice[]; value: string; onChange(invoiceId: string): void; error: Error | null }) {
  return (
    <Field label="Invoice" field="invoiceId" error={props.error}>
      {(control) => (
        <select {...control} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.invoices.map((invoice) => (
            <option key={invoice.invoiceId} value={invoice.invoiceId}>
              {invoice.invoiceId} ({invoice.outstanding} open)
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** IssueCreditNote (clerks): at most the invoice's outstanding amount; its id is chosen here once. */
export function CreditNoteForm({ clientId, currency, invoices }: { clientId: string; currency: string; invoices: Invoice[] }) {
  const stamp = useCommandStamp('CN');
  const time = useServiceTime();
  const credit = useCommandAt<{ creditNoteId: string; amount: string; currency: string; reason?: string; issuedOn: string }>();
  const open = openInvoices(invoices);
  const [chosen, setChosen] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const invoiceId = chosen || open[0]?.invoiceId || '';
  const submit = () => {
    setDone(null);
    const body = {
      creditNoteId: stamp.id(),
      amount: amount.trim(),
      currency,
      issuedOn: time.date(),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    credit.mutate(
      { path: clientPath(clientId, `/invoices/${encodeURIComponent(invoiceId)}/credit-notes`), body },
      {
        onSuccess: () => {
          stamp.renew();
          setDone(`Credit note of ${currency} ${body.amount} on ${invoiceId} issued`);
          setAmount('');
          setReason('');
        },
      },
    );
  };
  if (open.length === 0) return null;
  return (
    <CommandForm
      title="Issue a credit note"
      submitLabel="Issue credit note"
      pending={credit.isPending}
      error={credit.error}
      fields={['amount', 'reason']}
      done={done}
      onSubmit={submit}
    >
      <div className="form-grid">
        <InvoiceSelect invoices={open} value={invoiceId} onChange={setChosen} error={null} />
        <Field label={`Amount (${currency})`} field="amount" error={credit.error}>
          {(control) => <input {...control} inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field label="Reason" field="reason" error={credit.error}>
          {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
    </CommandForm>
  );
}

/** WriteOffInvoice (admins): what remains outstanding becomes bad debt; the invoice is the command's id. */
export function WriteOffForm({ clientId, invoices }: { clientId: string; invoices: Invoice[] }) {
  const time = useServiceTime();
  const writeOff = useCommandAt<{ reason: string; writtenOffOn: string }>();
  const open = openInvoices(invoices);
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const invoiceId = chosen || open[0]?.invoiceId || '';
  const submit = () => {
    setDone(null);
    writeOff.mutate(
      {
        path: clientPath(clientId, `/invoices/${encodeURIComponent(invoiceId)}/write-off`),
        body: { reason: reason.trim(), writtenOffOn: time.date() },
      },
      {
        onSuccess: () => {
          setDone(`Invoice ${invoiceId} written off`);
          setReason('');
          setChosen('');
        },
      },
    );
  };
  if (open.length === 0) return null;
  return (
    <CommandForm
      title="Write off an invoice"
      submitLabel="Write off"
      pending={writeOff.isPending}
      error={writeOff.error}
      fields={['reason', 'writtenOffOn']}
      done={done}
      onSubmit={submit}
    >
      <div className="form-grid">
        <InvoiceSelect invoices={open} value={invoiceId} onChange={setChosen} error={null} />
        <Field label="Reason" field="reason" error={writeOff.error}>
          {(control) => <input {...control} required value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
    </CommandForm>
  );
}
