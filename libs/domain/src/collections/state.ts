import { DateTime } from 'luxon';
import { type Agreement } from '../agreement/agreement';
import { type CollectionsState, evolveCollections, initialCollections } from '../client-account/collections-state';
import { type ClientAccountEvent } from '../client-account/events';
import { withAnnouncedPolicy } from '../client-account/late-fee-policy';
import { type LateFeePolicyPeriod } from '../client-account/state';
import { localDate } from '../shared/dates';

/**
 * What the collections process remembers about one client, folded from the client stream: the
 * collections case (the same fold the account keeps, `evolveCollections`) plus the agreement facts the
 * process acts on. Everything a re-run needs to decide nothing twice is here: levels taken, fees and
 * interest periods charged, reminders scheduled.
 */
export interface CollectionsProcessState extends CollectionsState {
  clientId: string;
  currency: string;
  /** Absent until the client is registered. */
  agreement?: Agreement;
  /** Late-fee policy history, oldest first (see `lateFeePolicyInForce`). */
  lateFeePolicies: LateFeePolicyPeriod[];
}

export const initialCollectionsState = (): CollectionsProcessState => ({
  ...initialCollections(),
  clientId: '',
  currency: '',
  lateFeePolicies: [],
});

/** Folds one client-stream event. Pure; events are facts, so nothing is validated here. */
export const evolveCollectionsState = (state: CollectionsProcessState, event: ClientAccountEvent): CollectionsProcessState => {
  const evolved = evolveCollections(state, event);
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, currency, agreement } = event.data;
      return {
        ...evolved,
        clientId,
        currency,
        agreement,
        lateFeePolicies: [{ ...(agreement.lateFeePolicy && { policy: agreement.lateFeePolicy }) }],
      };
    }
    case 'AgreementChanged': {
      const { agreement, announcedAt, lateFeePolicyEffectiveFrom } = event.data;
      const announcedOn = localDate(DateTime.fromISO(announcedAt), state.agreement?.timezone ?? agreement.timezone);
      return {
        ...evolved,
        agreement,
        // Only an announced change (with its effective date) moves the fee policy: never by surprise.
        lateFeePolicies:
          lateFeePolicyEffectiveFrom === undefined
            ? state.lateFeePolicies
            : withAnnouncedPolicy(state.lateFeePolicies, announcedOn, {
                effectiveFrom: lateFeePolicyEffectiveFrom,
                policy: agreement.lateFeePolicy,
              }),
      };
    }
    default:
      return evolved;
  }
};
