import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCommand } from '../api/hooks';
import { type Agreement } from '../api/types';
import { CommandForm } from '../ui/command-form';
import { Field } from '../ui/field';
import { AgreementFields, agreementDraft, agreementFieldsUnder, applyDraft } from './agreement-fields';

interface RegisterClientBody {
  clientId: string;
  name: string;
  currency: string;
  agreement: Agreement;
}

/** RegisterClient (clerks), agreement included: the client id is the command's, so a double submit registers once. */
export function RegisterClientForm() {
  const navigate = useNavigate();
  const register = useCommand<RegisterClientBody>('/v1/clients');
  const [clientId, setClientId] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [draft, setDraft] = useState(agreementDraft);
  const submit = () => {
    const body = {
      clientId: clientId.trim(),
      name: name.trim(),
      currency: currency.trim().toUpperCase(),
      agreement: applyDraft(undefined, draft),
    };
    register.mutate(body, { onSuccess: () => void navigate(`/clients/${encodeURIComponent(body.clientId)}`) });
  };
  return (
    <CommandForm
      title="Register a client"
      submitLabel="Register client"
      pending={register.isPending}
      error={register.error}
      fields={['clientId', 'name', 'currency', ...agreementFieldsUnder('agreement.')]}
      done={null}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Client id" field="clientId" error={register.error}>
          {(control) => <input {...control} required value={clientId} onChange={(e) => setClientId(e.target.value)} />}
        </Field>
        <Field label="Name" field="name" error={register.error}>
          {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Currency (ISO 4217)" field="currency" error={register.error}>
          {(control) => <input {...control} required maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
        </Field>
      </div>
      <fieldset>
        <legend>Agreement</legend>
        <AgreementFields draft={draft} onChange={setDraft} error={register.error} prefix="agreement." />
      </fieldset>
    </CommandForm>
  );
}
