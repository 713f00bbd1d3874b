import { DateTime } from 'luxon';
import { normalizeAgreement } from '../../agreement/normalize-agreement';
import { clientAccountDecider } from '../client-account.decider';
import { type ClientAccountCommand } from '../commands';
import { type AgreementInput } from '../../agreement/agreement-input';
import { type ClientAccountEvent, type ClientRegistered } from '../events';
import { deciderSpecification } from '../../shared/testing/given-when-then';

/** Builders for client-account tests (decider, projections, collections): one client, `acme`, in EUR unless told. */

export const CLIENT_ID = 'acme';

export const CONTACT = { name: 'Ada Client', email: 'ada@acme.test', preferredChannel: 'email' } as const;

type EventOf<T extends ClientAccountEvent['type']> = Extract<ClientAccountEvent, { type: T }>;
type CommandOf<T extends ClientAccountCommand['type']> = Extract<ClientAccountCommand, { type: T }>;

/** An event of the `acme` stream; `clientId` is filled in. */
export const clientEvent = <T extends ClientAccountEvent['type']>(type: T, data: Omit<EventOf<T>['data'], 'clientId'>): EventOf<T> =>
  ({ type, data: { clientId: CLIENT_ID, ...data } }) as unknown as EventOf<T>;

/** A command for `acme`; `clientId` is filled in. */
export const clientCommand = <T extends ClientAccountCommand['type']>(
  type: T,
  data: Omit<CommandOf<T>['data'], 'clientId'>,
): CommandOf<T> => ({ type, data: { clientId: CLIENT_ID, ...data } }) as unknown as CommandOf<T>;

/** `ClientRegistered` with the agreement normalised as the decider would (defaults applied, amounts in minor units). */
export const clientRegistered = (
  options: { currency?: string; agreement?: Partial<AgreementInput>; registeredAt?: string } = {},
): ClientRegistered => {
  const currency = options.currency ?? 'EUR';
  return clientEvent('ClientRegistered', {
    name: 'Acme Ltd',
    currency,
    agreement: normalizeAgreement({ contact: CONTACT, ...options.agreement }, currency),
    registeredAt: options.registeredAt ?? '2026-01-01T09:00:00.000Z',
  });
};

/** given/when/then over the client-account decider, at `now`. */
export const givenClientAccount = (now: DateTime | string) =>
  deciderSpecification(clientAccountDecider, {
    now: typeof now === 'string' ? DateTime.fromISO(now, { setZone: true }) : now,
  });
