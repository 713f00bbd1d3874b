import { useState } from 'react';
import { clientPath, useCommand } from '../api/hooks';
import { type Invoice } from '../api/types';
import { useCommandStamp } from '../commands';
import { isZeroAmount, words } from '../format';
import { CommandForm } from '../ui/command-form';
import { Field } from '../ui/field';

/** Every interaction kind the API takes (SPEC 3.5), and the channels: the public vocabulary, as types.ts has it (the app imports nothing from libs/). */
const KINDS = [
  'outbound_contact',
  'client_response',
  'meeting_held',
  'meeting_missed',
  'promise_to_pay',
  'dispute_raised',
  'dispute_resolved',
  'price_pushback',
  'decision_maker_changed',
  'complaint',
  'note',
] as const;
type Kind = (typeof KINDS)[number];
const CHANNELS = ['phone', 'email', 'letter', 'meeting', 'meeting_request', 'chat', 'in_person', 'other'];

const FIELDS = [
  'channel',
  'summary',
  'amount',
  'promisedOn',
  'invoiceId',
  'reason',
  'outcome',
  'creditAmount',
  'newContact.name',
  'newContact.email',
  'newContact.phone',
  'occurredAt',
];

/** LogInteraction of any kind, with the fields that kind takes; its id is chosen here once. */
export function InteractionForm({ clientId, currency, invoices }: { clientId: string; currency: string; invoices: Invoice[] }) {
  const stamp = useCommandStamp('INT');
  const log = useCommand<Record<string, unknown>>(clientPath(clientId, '/interactions'));
  const [kind, setKind] = useState<Kind>('note');
  const [values, setValues] = useState<Record<string, string>>({ channel: 'phone', outcome: 'rejected' });
  const [done, setDone] = useState<string | null>(null);
  const value = (name: string) => values[name] ?? '';
  const set = (name: string, next: string) => setValues({ ...values, [name]: next });
  const disputed = invoices.filter((invoice) => invoice.status === 'disputed');
  const open = invoices.filter((invoice) => !isZeroAmount(invoice.outstanding));
  const choices = kind === 'dispute_resolved' ? disputed : open;
  const invoiceId = value('invoiceId') || choices[0]?.invoiceId || '';

  const bodyFor = (): Record<string, unknown> => {
    const optional = (name: string) => (value(name).trim() ? { [name]: value(name).trim() } : {});
    const common = { interactionId: stamp.id(), kind, occurredAt: stamp.at(), channel: value('channel'), ...optional('summary') };
    switch (kind) {
      case 'promise_to_pay':
        return { ...common, amount: value('amount').trim(), currency, promisedOn: value('promisedOn') };
      case 'dispute_raised':
        return { ...common, invoiceId, ...optional('reason') };
      case 'dispute_resolved':
        return { ...common, invoiceId, outcome: value('outcome'), ...(value('outcome') === 'upheld' ? optional('creditAmount') : {}) };
      case 'decision_maker_changed':
        return {
          ...common,
          newContact: {
            name: value('newContact.name').trim(),
            ...(value('newContact.email').trim() ? { email: value('newContact.email').trim() } : {}),
            ...(value('newContact.phone').trim() ? { phone: value('newContact.phone').trim() } : {}),
          },
        };
      case 'outbound_contact':
        return { ...common, expectsResponse: value('expectsResponse') !== 'no' };
      case 'client_response':
        return { ...common, ...optional('respondsTo') };
      case 'meeting_held':
      case 'meeting_missed':
      case 'price_pushback':
      case 'complaint':
      case 'note':
        return common;
    }
  };
  const submit = () => {
    setDone(null);
    log.mutate(bodyFor(), {
      onSuccess: () => {
        stamp.renew();
        setDone(`${words(kind)} recorded`);
        setValues({ channel: value('channel'), outcome: 'rejected' });
      },
    });
  };
  const input = (name: string, label: string, extra: { type?: string; required?: boolean; inputMode?: 'decimal' } = {}) => (
    <Field label={label} field={name} error={log.error}>
      {(control) => <input {...control} {...extra} value={value(name)} onChange={(e) => set(name, e.target.value)} />}
    </Field>
  );

  return (
    <CommandForm
      title="Log an interaction"
      submitLabel="Log interaction"
      pending={log.isPending}
      error={log.error}
      fields={FIELDS}
      done={done}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Kind" field="kind" error={log.error}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                log.reset();
              }}
            >
              {KINDS.map((option) => (
                <option key={option} value={option}>
                  {words(option)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Channel" field="channel" error={log.error}>
          {(control) => (
            <select {...control} value={value('channel')} onChange={(e) => set('channel', e.target.value)}>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {words(channel)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('summary', 'Summary')}
        {kind === 'promise_to_pay' && (
          <>
            {input('amount', `Amount promised (${currency})`, { required: true, inputMode: 'decimal' })}
            {input('promisedOn', 'Promised by', { type: 'date', required: true })}
          </>
        )}
        {(kind === 'dispute_raised' || kind === 'dispute_resolved') && (
          <Field label="Invoice" field="invoiceId" error={log.error}>
            {(control) => (
              <select {...control} value={invoiceId} onChange={(e) => set('invoiceId', e.target.value)}>
                {choices.map((invoice) => (
                  <option key={invoice.invoiceId} value={invoice.invoiceId}>
                    {invoice.invoiceId} ({invoice.outstanding} open)
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'dispute_raised' && input('reason', 'Reason')}
        {kind === 'dispute_resolved' && (
          <>
            <Field label="Outcome" field="outcome" error={log.error}>
              {(control) => (
                <select {...control} value={value('outcome')} onChange={(e) => set('outcome', e.target.value)}>
                  <option value="rejected">rejected: the invoice stands</option>
                  <option value="upheld">upheld: the client is right</option>
                </select>
              )}
            </Field>
            {value('outcome') === 'upheld' && input('creditAmount', `Credit granted (${currency}, optional)`, { inputMode: 'decimal' })}
          </>
        )}
        {kind === 'decision_maker_changed' && (
          <>
            {input('newContact.name', 'New contact name', { required: true })}
            {input('newContact.email', 'New contact email', { type: 'email' })}
            {input('newContact.phone', 'New contact phone', { type: 'tel' })}
          </>
        )}
        {kind === 'outbound_contact' && (
          <Field label="Answer expected" field="expectsResponse" error={log.error}>
            {(control) => (
              <select {...control} value={value('expectsResponse') || 'yes'} onChange={(e) => set('expectsResponse', e.target.value)}>
                <option value="yes">yes</option>
                <option value="no">no</option>
              </select>
            )}
          </Field>
        )}
        {kind === 'client_response' && input('respondsTo', 'Answers interaction (id, optional)')}
      </div>
    </CommandForm>
  );
}
