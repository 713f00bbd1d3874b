import { type DateTime } from 'luxon';

/**
 * A decider in the Emmett shape: `decide` turns a command into the events to record, given the state
 * folded from the stream so far (`evolve` from `initialState`) and the clock's `now`. Pure: the
 * command pipeline loads, folds and appends around it.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State, now: DateTime): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The folding half of a decider: what loading a stream into state needs (the command pipeline, readers of a stream). */
export type DeciderFold<Event, State> = Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>;
