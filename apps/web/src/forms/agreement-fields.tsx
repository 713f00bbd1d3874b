import { type Agreement, type PaymentTermsType } from '../api/types';
import { Field } from '../ui/field';

/** The parts of an agreement the forms edit, as typed. */
export interface AgreementDraft {
  contactName: string;
  email: string;
  phone: string;
  preferredChannel: string;
  termsType: PaymentTermsType;
  termsDays: string;
  timezone: string;
  creditLimit: string;
}

export const CHANNELS = ['email', 'phone', 'letter', 'meeting'];
const TERMS: [PaymentTermsType, string][] = [
  ['net', 'net days after issue'],
  ['end_of_month', 'days after the end of the month'],
  ['due_on_receipt', 'due on receipt'],
];

export const agreementDraft = (agreement?: Agreement): AgreementDraft => ({
  contactName: agreement?.contact.name ?? '',
  email: agreement?.contact.email ?? '',
  phone: agreement?.contact.phone ?? '',
  preferredChannel: agreement?.contact.preferredChannel ?? 'email',
  termsType: agreement?.paymentTerms?.type ?? 'net',
  termsDays: String(agreement?.paymentTerms?.days ?? 30),
  timezone: agreement?.timezone ?? 'Europe/Amsterdam',
  creditLimit: agreement?.creditLimit ?? '',
});

/** The agreement with the draft's parts replaced (a field left empty is left out); the rest as it was. */
export function applyDraft(base: Agreement | undefined, draft: AgreementDraft): Agreement {
  // The credit limit is the draft's: left empty, the agreement has none.
  const rest: Agreement = { ...(base ?? { contact: { name: '' } }) };
  delete rest.creditLimit;
  const days = draft.termsDays.trim();
  return {
    ...rest,
    contact: {
      ...rest.contact,
      name: draft.contactName.trim(),
      email: draft.email.trim(),
      preferredChannel: draft.preferredChannel,
      ...(draft.phone.trim() ? { phone: draft.phone.trim() } : { phone: undefined }),
    },
    paymentTerms:
      draft.termsType === 'due_on_receipt'
        ? { type: draft.termsType }
        : // Anything but a whole number goes as typed: the API's error then names the field.
          { type: draft.termsType, days: /^\d+$/.test(days) ? Number(days) : (days as unknown as number) },
    timezone: draft.timezone.trim(),
    ...(draft.creditLimit.trim() ? { creditLimit: draft.creditLimit.trim() } : {}),
  };
}

const FIELDS = [
  'contact.name',
  'contact.email',
  'contact.phone',
  'contact.preferredChannel',
  'paymentTerms.type',
  'paymentTerms.days',
  'timezone',
  'creditLimit',
];

/** Field paths of the agreement's controls, as the API names them in `errors[].field`. */
export const AGREEMENT_FIELDS = FIELDS;
export const agreementFieldsUnder = (prefix: string) => FIELDS.map((field) => `${prefix}${field}`);

/** The agreement's controls; `prefix` is where the agreement sits in the body (`agreement.` when registering). */
export function AgreementFields(props: {
  draft: AgreementDraft;
  onChange(draft: AgreementDraft): void;
  error: Error | null;
  prefix: string;
}) {
  const { draft, error, prefix } = props;
  const set = (part: Partial<AgreementDraft>) => props.onChange({ ...draft, ...part });
  return (
    <div className="form-grid">
      <Field label="Contact name" field={`${prefix}contact.name`} error={error}>
        {(control) => <input {...control} required value={draft.contactName} onChange={(e) => set({ contactName: e.target.value })} />}
      </Field>
      <Field label="Contact email" field={`${prefix}contact.email`} error={error}>
        {(control) => <input {...control} type="email" required value={draft.email} onChange={(e) => set({ email: e.target.value })} />}
      </Field>
      <Field label="Contact phone" field={`${prefix}contact.phone`} error={error}>
        {(control) => <input {...control} type="tel" value={draft.phone} onChange={(e) => set({ phone: e.target.value })} />}
      </Field>
      <Field label="Preferred channel" field={`${prefix}contact.preferredChannel`} error={error}>
        {(control) => (
          <select {...control} value={draft.preferredChannel} onChange={(e) => set({ preferredChannel: e.target.value })}>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {channel}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Payment terms" field={`${prefix}paymentTerms.type`} error={error}>
        {(control) => (
          <select {...control} value={draft.termsType} onChange={(e) => set({ termsType: e.target.value as PaymentTermsType })}>
            {TERMS.map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.termsType !== 'due_on_receipt' && (
        <Field label="Payment terms: days" field={`${prefix}paymentTerms.days`} error={error}>
          {(control) => (
            <input {...control} inputMode="numeric" required value={draft.termsDays} onChange={(e) => set({ termsDays: e.target.value })} />
          )}
        </Field>
      )}
      <Field label="Time zone (IANA)" field={`${prefix}timezone`} error={error}>
        {(control) => <input {...control} required value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })} />}
      </Field>
      <Field label="Credit limit (empty: none)" field={`${prefix}creditLimit`} error={error}>
        {(control) => (
          <input {...control} inputMode="decimal" value={draft.creditLimit} onChange={(e) => set({ creditLimit: e.target.value })} />
        )}
      </Field>
    </div>
  );
}
