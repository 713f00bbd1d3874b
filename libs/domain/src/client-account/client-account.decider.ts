import { type Decider } from '../shared/decider';
import { type ClientAccountCommand } from './commands';
import { decide } from './decide';
import { type ClientAccountEvent } from './events';
import { evolve } from './evolve';
import { type ClientAccountState, initialState } from './state';

export type ClientAccountDecider = Decider<ClientAccountCommand, ClientAccountEvent, ClientAccountState>;

/** The client-account decider as one value, for the command pipeline and tests. */
export const clientAccountDecider: ClientAccountDecider = { decide, evolve, initialState };

/** The state after a stream of events (the stream read back from the store, in order). */
export const stateFromEvents = (events: readonly ClientAccountEvent[]): ClientAccountState => events.reduce(evolve, initialState());
