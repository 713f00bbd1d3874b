import { decide } from './decide';
import { ClientAccountEvent } from './events';
import { evolve } from './evolve';
import { ClientAccountState, initialState } from './state';

/** The client-account decider as one value, for runners and tests. */
export const clientAccountDecider = { decide, evolve, initialState };
export type ClientAccountDecider = typeof clientAccountDecider;

/** The state after a stream of events (the stream read back from the store, in order). */
export const stateFromEvents = (events: readonly ClientAccountEvent[]): ClientAccountState => events.reduce(evolve, initialState());
