import { useState } from 'react';
import { clientPath, useCommand, useCommandAt } from '../api/hooks';
import { type Agreement, type Payment } from '../api/types';
import { useCommandStamp, useServiceTime } from '../commands';
import { CommandForm } from '../ui/command-form';
import { Field } from '../ui/field';
import { AgreementFields, type AgreementDraft, agreementDraft, applyDraft, AGREEMENT_FIELDS } from './agreement-fields';

/** ReversePayment (clerks): a bounced or charged-back payment, picked from the account's payments not yet reversed. */
export function ReversePaymentForm({ clientId, currency, payments }: { clientId: string; currency: string; payments: Payment[] }) {
  const time = useServiceTime();
  const reverse = useCommandAt<{ reason: string; reversedOn: string }>();
  const reversible = payments.filter((payment) => payment.reversed === null);
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const paymentId = reversible.some((payment) => payment.paymentId === chosen) ? chosen : (reversible.at(-1)?.paymentId ?? '');
  const submit = () => {
    setDone(null);
    reverse.mutate(
      {
        path: clientPath(clientId, `/payments/${encodeURIComponent(paymentId)}/reversal`),
        body: { reason: reason.trim(), reversedOn: time.date() },
      },
      {
        onSuccess: () => {
          setDone(`Payment ${paymentId} reversed`);
          setChosen('');
          setReason('');
        },
      },
    );
  };
  if (reversible.length === 0 && done === null) return null;
  return (
    <CommandForm
      title="Reverse a payment"
      submitLabel="Reverse payment"
      pending={reverse.isPending}
      error={reverse.error}
      fields={['paymentId', 'reason', 'reversedOn']}
      done={done}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Payment" field="paymentId" error={reverse.error}>
          {(control) => (
            <select {...control} required value={paymentId} onChange={(e) => setChosen(e.target.value)}>
              {[...reversible].reverse().map((payment) => (
                <option key={payment.paymentId} value={payment.paymentId}>
                  {payment.paymentId}: {currency} {payment.amount} received {payment.receivedOn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason" field="reason" error={reverse.error}>
          {(control) => <input {...control} required value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
    </CommandForm>
  );
}

/** ResumeCollections (collectors): ends a pause early; its id is chosen here once. */
export function ResumeForm({ clientId, pausedThrough }: { clientId: string; pausedThrough: string }) {
  const stamp = useCommandStamp('RESUME');
  const resume = useCommand<{ resumeId: string; reason?: string }>(clientPath(clientId, '/collections/resume'));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = () => {
    setDone(null);
    resume.mutate(
      { resumeId: stamp.id(), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          stamp.renew();
          setDone('Collections resumed');
          setReason('');
        },
      },
    );
  };
  return (
    <CommandForm
      title={`Resume collections (paused through ${pausedThrough})`}
      submitLabel="Resume collections"
      pending={resume.isPending}
      error={resume.error}
      fields={['reason']}
      done={done}
      onSubmit={submit}
    >
      <Field label="Reason" field="reason" error={resume.error}>
        {(control) => <input {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </CommandForm>
  );
}

/**
 * ChangeAgreement (admins): the agreement as it stands, with the edited parts replaced. Identical
 * content is the same command, so a double submit records it once.
 */
export function AgreementForm({ clientId, agreement }: { clientId: string; agreement: Agreement }) {
  const change = useCommand<Agreement>(clientPath(clientId, '/agreement'), 'PUT');
  const [draft, setDraft] = useState<AgreementDraft>(() => agreementDraft(agreement));
  const [done, setDone] = useState<string | null>(null);
  return (
    <CommandForm
      title="Change the agreement"
      submitLabel="Change agreement"
      pending={change.isPending}
      error={change.error}
      fields={AGREEMENT_FIELDS}
      done={done}
      onSubmit={() => {
        setDone(null);
        change.mutate(applyDraft(agreement, draft), { onSuccess: () => setDone('Agreement changed') });
      }}
    >
      <AgreementFields draft={draft} onChange={setDraft} error={change.error} prefix="" />
    </CommandForm>
  );
}
