import { type FormEvent, useState } from 'react';
import { clientPath, useCommand } from '../api/hooks';
import { useCommandStamp } from '../commands';
import { Field, FormError } from '../ui/field';

type Decision = 'approve' | 'reject';

/**
 * An admin's answer to a handover the process proposed: approve (handed to the agency) or reject,
 * with a reason. The decision's id is chosen here once, so a double click records one answer. Once
 * decided the item leaves the pending approvals, so the page says what was decided.
 */
export function AgencyHandoverDecision({ clientId, name, onDecided }: { clientId: string; name: string; onDecided(what: string): void }) {
  const stamp = useCommandStamp('AH');
  const decide = useCommand<{ decisionId: string; decision: Decision; reason: string }>(
    clientPath(clientId, '/collections/agency-handover'),
  );
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The button pressed is the decision (Enter in the reason field presses the first, reject: a handover is never approved by accident).
    const decision: Decision = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'reject' ? 'reject' : 'approve';
    decide.mutate(
      { decisionId: stamp.id(), decision, reason: reason.trim() },
      {
        onSuccess: () => {
          stamp.renew();
          onDecided(
            decision === 'approve' ? `Handover of ${name} approved: the client is with the agency` : `Handover of ${name} rejected`,
          );
        },
      },
    );
  };
  return (
    <form className="inline-form approval" onSubmit={submit} aria-label={`Agency handover of ${name}`}>
      <Field label="Reason for the decision" field="reason" error={decide.error}>
        {(control) => <input {...control} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" name="decision" value="reject" disabled={decide.isPending}>
        Reject handover
      </button>
      <button type="submit" name="decision" value="approve" disabled={decide.isPending}>
        Approve handover
      </button>
      <FormError error={decide.error} fields={['reason']} />
    </form>
  );
}
