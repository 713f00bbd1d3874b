import { DateTime } from 'luxon';
import { type Agreement } from '../agreement/agreement';
import { type CollectionsState, evolveCollections, initialCollections } from '../client-account/collections-state';
import { type ClientAccountEvent } from '../client-account/events';
import { withAnnouncedPolicy } from '../client-account/late-fee-policy';
import { type LateFeePolicyPeriod } from '../client-account/state';
import { type CollectionsLadder } from '../agreement/collections-ladder';
import { sameContent } from '../client-account/same-content';
import { localDate } from '../shared/dates';
import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import { toMinor } from '../money/money';
import { isRecomputedInterestWaiver } from './ids';
import { type IsoDate, type IsoInstant } from '../shared/types';

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
  /** The agreed collections ladder's history, oldest first: a changed ladder applies from the day it was agreed (`ladderPeriods`). */
  agreedLadders: AgreedLadderPeriod[];
  /** Per invoice, when its open dispute was raised. */
  disputesRaised: ImmutableMap<string, IsoInstant>;
  /** Disputes upheld with a credit: the interest on the credited part since they were raised is waived. */
  creditedDisputes: CreditedDispute[];
  /** Fee waivers recorded (an admin's or the process's): the process waives nothing twice. */
  waiverIds: ImmutableSet<string>;
  /** Per invoice, the interest the process waived as charged on principal already paid (`recomputedInterestWaiverId`). */
  recomputedInterestWaived: ImmutableMap<string, bigint>;
}

export interface CreditedDispute {
  /** The resolving interaction. */
  interactionId: string;
  invoiceId: string;
  raisedAt: IsoInstant;
  resolvedAt: IsoInstant;
  creditAmount: bigint;
}

export interface AgreedLadderPeriod {
  /** First client-local day the ladder applies; absent for the one agreed at registration. */
  from?: IsoDate;
  /** Absent: the process's ladder. */
  collectionsLadder?: CollectionsLadder;
}

export const initialCollectionsState = (): CollectionsProcessState => ({
  ...initialCollections(),
  clientId: '',
  currency: '',
  lateFeePolicies: [],
  agreedLadders: [],
  disputesRaised: ImmutableMap(),
  creditedDisputes: [],
  waiverIds: ImmutableSet(),
  recomputedInterestWaived: ImmutableMap(),
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
        agreedLadders: [{ ...(agreement.collectionsLadder && { collectionsLadder: agreement.collectionsLadder }) }],
      };
    }
    case 'AgreementChanged': {
      const { agreement, announcedAt, lateFeePolicyEffectiveFrom } = event.data;
      const announcedOn = localDate(DateTime.fromISO(announcedAt), state.agreement?.timezone ?? agreement.timezone);
      const ladderChanged = !sameContent(agreement.collectionsLadder, state.agreement?.collectionsLadder);
      return {
        ...evolved,
        agreement,
        agreedLadders: ladderChanged
          ? [
              // A second change on the same day replaces the first.
              ...state.agreedLadders.filter((period) => period.from === undefined || period.from < announcedOn),
              { from: announcedOn, ...(agreement.collectionsLadder && { collectionsLadder: agreement.collectionsLadder }) },
            ]
          : state.agreedLadders,
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
    case 'DisputeRaised':
      return { ...evolved, disputesRaised: state.disputesRaised.set(event.data.invoiceId, event.data.raisedAt) };
    case 'DisputeResolved': {
      const { interactionId, invoiceId, outcome, creditAmount, resolvedAt } = event.data;
      const raisedAt = state.disputesRaised.get(invoiceId);
      const credited = outcome === 'upheld' && creditAmount !== undefined && raisedAt !== undefined;
      return {
        ...evolved,
        disputesRaised: state.disputesRaised.delete(invoiceId),
        ...(credited && {
          creditedDisputes: [
            ...state.creditedDisputes,
            { interactionId, invoiceId, raisedAt, resolvedAt, creditAmount: toMinor(creditAmount) },
          ],
        }),
      };
    }
    case 'LateFeeWaived':
      return { ...evolved, waiverIds: state.waiverIds.add(event.data.waiverId) };
    case 'LateInterestWaived': {
      const { waiverId, invoiceId, amount } = event.data;
      const recomputed = isRecomputedInterestWaiver(waiverId)
        ? state.recomputedInterestWaived.set(invoiceId, (state.recomputedInterestWaived.get(invoiceId) ?? 0n) + toMinor(amount))
        : state.recomputedInterestWaived;
      return { ...evolved, waiverIds: state.waiverIds.add(waiverId), recomputedInterestWaived: recomputed };
    }
    default:
      return evolved;
  }
};
