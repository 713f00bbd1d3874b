import { type MarkPromiseBroken, type MarkPromiseKept } from '../commands';
import { collectionsCommandId } from '../ids';
import { promiseStanding } from '../promise-standing';
import { type DecisionContext } from './context';

export interface PromiseDecisions {
  commands: (MarkPromiseKept | MarkPromiseBroken)[];
  /** A promise still running pauses escalation. */
  stillOpen: boolean;
  /** One broke in this run: escalation resumes one level up. */
  brokenNow: boolean;
}

/** Decides every open promise whose outcome is known today; outcomes are facts, so this runs even while paused. */
export const decidePromises = (context: DecisionContext): PromiseDecisions => {
  const { state, clientId, decidedAt } = context;
  const standings = [...state.openPromises.values()].map((promise) => ({
    promise,
    standing: promiseStanding(promise, context.payments, {
      today: context.today,
      timezone: context.agreement.timezone,
      graceDays: context.policy.promiseGraceDays,
      accountSettled: context.settled,
    }),
  }));
  const commands = standings.flatMap(({ promise, standing }): (MarkPromiseKept | MarkPromiseBroken)[] => {
    if (standing.outcome === 'open') return [];
    const type = standing.outcome === 'kept' ? 'MarkPromiseKept' : 'MarkPromiseBroken';
    const { interactionId, promisedOn, amount } = promise;
    return [
      {
        type,
        commandId: collectionsCommandId(clientId, `promise-${standing.outcome}`, interactionId),
        clientId,
        interactionId,
        promisedOn,
        amount,
        paid: standing.paid,
        decidedAt,
      },
    ];
  });
  return {
    commands,
    stillOpen: standings.some(({ standing }) => standing.outcome === 'open'),
    brokenNow: standings.some(({ standing }) => standing.outcome === 'broken'),
  };
};
