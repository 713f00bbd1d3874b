import { type ClientAccountEvent } from '../client-account/events';
import { type Decider } from '../shared/decider';
import { type CollectionsCommand } from './commands';
import { decideCollectionsCommand } from './decide-command';
import { type CollectionsProcessState, evolveCollectionsState, initialCollectionsState } from './state';

export type CollectionsDecider = Decider<CollectionsCommand, ClientAccountEvent, CollectionsProcessState>;

/**
 * The collections process's decider: one decided command → its event, over the process's state folded
 * from the client stream. Its commands carry their own instants, so `now` is not read.
 */
export const collectionsDecider: CollectionsDecider = {
  decide: decideCollectionsCommand,
  evolve: evolveCollectionsState,
  initialState: initialCollectionsState,
};
