import { type DateTime } from 'luxon';
import { type Decider } from '../decider';
import { DomainError, type DomainErrorKind } from '../errors';

/**
 * given/when/then for deciders (test code: uses Jest's `expect`).
 *
 *   const given = deciderSpecification(clientAccountDecider, { now });
 *   given([registered]).when(issueInvoice).then([invoiceIssued]);
 *   given([registered]).when(badInvoice).thenThrows('validation', 'amount_not_positive', 'amount');
 *
 * `when(command, now)` overrides the clock for one case. `then` also folds the decided events,
 * so every event a decision emits is one `evolve` understands.
 */
export const deciderSpecification =
  <Command, Event, State>(decider: Decider<Command, Event, State>, options: { now: DateTime }) =>
  (history: readonly Event[]) => ({
    when: (command: Command, now: DateTime = options.now) => {
      const state = history.reduce(decider.evolve, decider.initialState());
      const decide = () => decider.decide(command, state, now);
      return {
        then: (expected: readonly Event[]): void => {
          const decided = decide();
          expect(decided).toEqual(expected);
          decided.reduce(decider.evolve, state);
        },
        thenThrows: (kind: DomainErrorKind, code: string, field?: string): void => {
          let decided: Event[];
          try {
            decided = decide();
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            const { kind: actualKind, code: actualCode, field: actualField } = error as DomainError;
            expect({ kind: actualKind, code: actualCode, ...(field !== undefined && { field: actualField }) }).toEqual({
              kind,
              code,
              ...(field !== undefined && { field }),
            });
            return;
          }
          throw new Error(`Expected a ${kind} error "${code}", but the decider decided ${JSON.stringify(decided)}`);
        },
      };
    },
  });
