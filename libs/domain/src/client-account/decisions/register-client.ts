import { type DateTime } from 'luxon';
import { requiredText } from '../../agreement/input-checks';
import { normalizeAgreement } from '../../agreement/normalize-agreement';
import { assertCurrency } from '../../money/currency';
import { conflict } from '../../shared/errors';
import { type RegisterClient } from '../commands';
import { type ClientRegistered } from '../events';
import { type ClientAccountState } from '../state';
import { instantOf } from './command-input';

export const registerClient = ({ data }: RegisterClient, state: ClientAccountState, now: DateTime): [ClientRegistered] => {
  if (state.status === 'registered') throw conflict('client_exists', `Client ${data.clientId} is already registered`);
  assertCurrency(data.currency);
  return [
    {
      type: 'ClientRegistered',
      data: {
        clientId: data.clientId,
        name: requiredText(data.name, 'name'),
        currency: data.currency,
        agreement: normalizeAgreement(data.agreement, data.currency),
        registeredAt: instantOf(now),
      },
    },
  ];
};
