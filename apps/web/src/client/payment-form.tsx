import { type FormEvent, useState } from 'react';
import { ApiProblem } from '../api/client';
import { clientPath, useCommand } from '../api/hooks';
import { type Invoice } from '../api/types';
import { useCommandStamp, useServiceTime } from '../commands';
import { isZeroAmount } from '../format';
import { Field, FormError } from '../ui/field';

interface PaymentBody {
  paymentId: string;
  amount: string;
  currency: string;
  receivedOn: string;
  allocations?: { invoiceId: string; amount: string }[];
}

/** RecordPayment (clerks): with explicit allocations, or none and the API settles the oldest due first. */
export function PaymentForm({ clientId, currency, invoices }: { clientId: string; currency: string; invoices: Invoice[] }) {
  const stamp = useCommandStamp('PAY');
  const time = useServiceTime();
  const payment = useCommand<PaymentBody>(clientPath(clientId, '/payments'));
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState(time.date());
  const [allocations, setAllocations] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState<string | null>(null);
  const open = invoices.filter((invoice) => !isZeroAmount(invoice.outstanding));
  const explicit = open.filter((invoice) => (allocations[invoice.invoiceId] ?? '').trim() !== '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRecorded(null);
    const body: PaymentBody = { paymentId: stamp.id(), amount: amount.trim(), currency, receivedOn };
    if (explicit.length > 0)
      body.allocations = explicit.map((invoice) => ({ invoiceId: invoice.invoiceId, amount: allocations[invoice.invoiceId].trim() }));
    payment.mutate(body, {
      onSuccess: () => {
        stamp.renew();
        setRecorded(`Payment of ${currency} ${body.amount} recorded`);
        setAmount('');
        setAllocations({});
      },
    });
  };
  const allocationError = payment.error instanceof ApiProblem ? payment.error.forField('allocations') : undefined;

  return (
    <form className="command-form" onSubmit={submit} aria-labelledby="payment-title">
      <h3 id="payment-title">Record a payment</h3>
      <Field label={`Amount (${currency})`} field="amount" error={payment.error}>
        {(control) => <input {...control} inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </Field>
      <Field label="Received on" field="receivedOn" error={payment.error}>
        {(control) => <input {...control} type="date" required value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />}
      </Field>
      {open.length > 0 && (
        <fieldset>
          <legend>Allocate to invoices (leave empty: oldest due first)</legend>
          {open.map((invoice) => (
            <Field
              key={invoice.invoiceId}
              label={`${invoice.invoiceId} (${invoice.outstanding} open)`}
              field={`allocations.${explicit.indexOf(invoice)}.amount`}
              error={explicit.includes(invoice) ? payment.error : null}
            >
              {(control) => (
                <input
                  {...control}
                  inputMode="decimal"
                  value={allocations[invoice.invoiceId] ?? ''}
                  onChange={(e) => setAllocations({ ...allocations, [invoice.invoiceId]: e.target.value })}
                />
              )}
            </Field>
          ))}
          {allocationError && (
            <p className="field-error" data-field-error="allocations">
              {allocationError}
            </p>
          )}
        </fieldset>
      )}
      <button type="submit" disabled={payment.isPending}>
        Record payment
      </button>
      <FormError
        error={payment.error}
        fields={['amount', 'receivedOn', 'allocations', ...explicit.map((_, index) => `allocations.${index}.amount`)]}
      />
      {recorded && (
        <p className="done" role="status">
          {recorded}
        </p>
      )}
    </form>
  );
}
