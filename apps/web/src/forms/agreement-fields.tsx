import { type Agreement, type LateFeePreset, type LetterLanguage, type PaymentReferenceScheme, type PaymentTermsType } from '../api/types';
import { Field } from '../ui/field';

type FieldControl = Parameters<Parameters<typeof Field>[0]['children']>[0];

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
  language: LetterLanguage;
  /** Empty: no statutory preset (no late fees, or the agreed fee and rate, kept as they are). */
  preset: LateFeePreset | '';
  beneficiary: string;
  iban: string;
  bic: string;
  referenceScheme: PaymentReferenceScheme;
}

export const CHANNELS = ['email', 'phone', 'letter', 'meeting'];
const CHANNEL_CHOICES = CHANNELS.map((channel): [string, string] => [channel, channel]);
const TERMS: [PaymentTermsType, string][] = [
  ['net', 'net days after issue'],
  ['end_of_month', 'days after the end of the month'],
  ['due_on_receipt', 'due on receipt'],
];
const LANGUAGES: [LetterLanguage, string][] = [
  ['en', 'English'],
  ['nl', 'Nederlands'],
  ['de', 'Deutsch'],
  ['ru', 'Русский'],
];
const PRESETS: [LateFeePreset | '', string][] = [
  ['', 'none (agreed fee and rate)'],
  ['eu_b2b', 'EU statutory: EUR 40, ECB rate + 8'],
  ['nl_b2b', 'Dutch statutory: EUR 40, ECB rate + 8, compounded yearly'],
  ['de_b2b', 'German statutory: EUR 40, Basiszinssatz + 9'],
  ['uk_b2b', 'UK statutory: GBP 40 / 70 / 100, Bank Rate + 8'],
];
const REFERENCE_SCHEMES: [PaymentReferenceScheme, string][] = [
  ['invoice_number', 'the invoice numbers'],
  ['rf_per_client', 'one creditor reference (RF) for the client'],
  ['rf_per_invoice', 'a creditor reference (RF) per invoice'],
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
  language: agreement?.language ?? 'en',
  preset: agreement?.lateFeePolicy?.preset ?? '',
  beneficiary: agreement?.paymentInstructions?.beneficiary ?? '',
  iban: agreement?.paymentInstructions?.iban ?? '',
  bic: agreement?.paymentInstructions?.bic ?? '',
  referenceScheme: agreement?.paymentInstructions?.reference ?? 'invoice_number',
});

/** The late-fee policy the draft leaves: a preset with the agreed grace days only (it sets the rest), or the agreed terms. */
const lateFeePolicyOf = (base: Agreement['lateFeePolicy'], preset: AgreementDraft['preset']): Agreement['lateFeePolicy'] => {
  if (preset !== '') return { preset, ...(base?.graceDays !== undefined && { graceDays: base.graceDays }) };
  return base?.preset === undefined ? base : undefined;
};

/** The payment block, or none when every part of it is left empty. */
const paymentInstructionsOf = (draft: AgreementDraft): Agreement['paymentInstructions'] => {
  const [beneficiary, iban, bic] = [draft.beneficiary.trim(), draft.iban.trim(), draft.bic.trim()];
  if (!beneficiary && !iban && !bic) return undefined;
  return { beneficiary, iban, ...(bic && { bic }), reference: draft.referenceScheme };
};

/** The agreement with the draft's parts replaced (a field left empty is left out); the rest as it was. */
export function applyDraft(base: Agreement | undefined, draft: AgreementDraft): Agreement {
  // The credit limit is the draft's: left empty, the agreement has none.
  const rest: Agreement = { ...(base ?? { contact: { name: '' } }) };
  delete rest.creditLimit;
  delete rest.lateFeePolicy;
  delete rest.paymentInstructions;
  const days = draft.termsDays.trim();
  const lateFeePolicy = lateFeePolicyOf(base?.lateFeePolicy, draft.preset);
  const paymentInstructions = paymentInstructionsOf(draft);
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
    language: draft.language,
    ...(lateFeePolicy && { lateFeePolicy }),
    ...(paymentInstructions && { paymentInstructions }),
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
  'language',
  'lateFeePolicy.preset',
  'paymentInstructions.beneficiary',
  'paymentInstructions.iban',
  'paymentInstructions.bic',
  'paymentInstructions.reference',
];

/** Field paths of the agreement's controls, as the API names them in `errors[].field`. */
export const AGREEMENT_FIELDS = FIELDS;
export const agreementFieldsUnder = (prefix: string) => FIELDS.map((field) => `${prefix}${field}`);

/** A select of `[value, label]` options inside a `Field`. */
function Choice<Value extends string>(props: {
  control: FieldControl;
  value: Value;
  options: readonly (readonly [Value, string])[];
  onChange(value: Value): void;
}) {
  return (
    <select {...props.control} value={props.value} onChange={(e) => props.onChange(e.target.value as Value)}>
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

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
          <Choice
            control={control}
            value={draft.preferredChannel}
            options={CHANNEL_CHOICES}
            onChange={(preferredChannel) => set({ preferredChannel })}
          />
        )}
      </Field>
      <Field label="Payment terms" field={`${prefix}paymentTerms.type`} error={error}>
        {(control) => <Choice control={control} value={draft.termsType} options={TERMS} onChange={(termsType) => set({ termsType })} />}
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
      <Field label="Letter language" field={`${prefix}language`} error={error}>
        {(control) => <Choice control={control} value={draft.language} options={LANGUAGES} onChange={(language) => set({ language })} />}
      </Field>
      <Field label="Statutory late-fee preset" field={`${prefix}lateFeePolicy.preset`} error={error}>
        {(control) => <Choice control={control} value={draft.preset} options={PRESETS} onChange={(preset) => set({ preset })} />}
      </Field>
      <Field label="Pay to: beneficiary (empty: none)" field={`${prefix}paymentInstructions.beneficiary`} error={error}>
        {(control) => <input {...control} value={draft.beneficiary} onChange={(e) => set({ beneficiary: e.target.value })} />}
      </Field>
      <Field label="Pay to: IBAN" field={`${prefix}paymentInstructions.iban`} error={error}>
        {(control) => <input {...control} autoComplete="off" value={draft.iban} onChange={(e) => set({ iban: e.target.value })} />}
      </Field>
      <Field label="Pay to: BIC (optional)" field={`${prefix}paymentInstructions.bic`} error={error}>
        {(control) => <input {...control} autoComplete="off" value={draft.bic} onChange={(e) => set({ bic: e.target.value })} />}
      </Field>
      <Field label="Reference to quote" field={`${prefix}paymentInstructions.reference`} error={error}>
        {(control) => (
          <Choice
            control={control}
            value={draft.referenceScheme}
            options={REFERENCE_SCHEMES}
            onChange={(referenceScheme) => set({ referenceScheme })}
          />
        )}
      </Field>
    </div>
  );
}
