import { type SeededRandom } from './seeded-random';

/** The kinds of client the seeds describe (SPEC 2), plus the clients every firm hopes for. */
export const PERSONALITIES = ['good_payer', 'steady_late_payer', 'going_south', 'disengaged', 'haggler'] as const;
export type Personality = (typeof PERSONALITIES)[number];

/** Share of each personality in a portfolio. */
export type PersonalityMix = Record<Personality, number>;

export const DEFAULT_MIX: PersonalityMix = {
  good_payer: 0.45,
  steady_late_payer: 0.2,
  going_south: 0.1,
  disengaged: 0.1,
  haggler: 0.15,
};

/**
 * How a client behaves, as probabilities and draws that depend on its `decline`: 0 for a healthy
 * business, rising to 1 at "now" for one going south (SPEC 2, red flag 3). Only going-south clients
 * ever decline, so for the others the functions are effectively constants.
 */
export interface Traits {
  /** Days beyond the due date an invoice is settled (negative: early). */
  daysLate(random: SeededRandom, decline: number): number;
  /** The invoice is never paid at all (the business has stopped paying). */
  stopsPaying(decline: number): number;
  /** The invoice is paid in two parts. */
  paysInParts(decline: number): number;
  /** A payment bounces and is reversed. */
  bounces(decline: number): number;
  /** A contact is answered within the agreed response time. */
  answers(decline: number): number;
  /** A scheduled meeting is missed (no-show, last-minute cancellation). */
  missesMeetings(decline: number): number;
  /** After answering a reminder, the client promises a payment date. */
  promises: number;
  /** A promise made is kept (the payment arrives by the promised day). */
  keepsPromises(decline: number): number;
  /** An invoice is disputed a few days after it is issued. */
  disputes: number;
  /** Price pushbacks: before signing, and at each yearly renewal (red flag 1). */
  pushbacksAtSigning: number;
  pushbacksAtRenewal: number;
  complaintsPerYear: number;
  /** The decision maker changes during the last months (red flag 2 and 3). */
  changesDecisionMaker: number;
}

const uniform = (min: number, max: number) => (random: SeededRandom) => random.int(min, max);

export const TRAITS: Record<Personality, Traits> = {
  good_payer: {
    daysLate: (random) => (random.chance(0.05) ? random.int(2, 8) : random.int(-12, 0)),
    stopsPaying: () => 0,
    paysInParts: () => 0.02,
    bounces: () => 0.005,
    answers: () => 0.97,
    missesMeetings: () => 0.03,
    promises: 0.2,
    keepsPromises: () => 1,
    disputes: 0.01,
    pushbacksAtSigning: 0,
    pushbacksAtRenewal: 0,
    complaintsPerYear: 0.2,
    changesDecisionMaker: 0.02,
  },
  steady_late_payer: {
    // Late, but the same amount of late every time: a stable trend, not a deteriorating one.
    daysLate: (random) => 16 + random.int(0, 3) + random.int(0, 3),
    stopsPaying: () => 0,
    paysInParts: () => 0.15,
    bounces: () => 0.01,
    answers: () => 0.9,
    missesMeetings: () => 0.08,
    promises: 0.6,
    keepsPromises: () => 0.95,
    disputes: 0.02,
    pushbacksAtSigning: 0,
    pushbacksAtRenewal: 0,
    complaintsPerYear: 0.5,
    changesDecisionMaker: 0.03,
  },
  going_south: {
    // Healthy until the decline starts; then later and later, then nothing (seed 000, mistake 3).
    daysLate: (random, decline) => Math.round(2 + 85 * decline ** 1.5) + random.int(-2, 2),
    stopsPaying: (decline) => (decline > 0.55 ? 1 : 0),
    paysInParts: (decline) => 0.05 + 0.5 * decline,
    bounces: (decline) => (decline > 0.3 ? 0.25 : 0),
    answers: (decline) => 0.95 - 0.9 * decline,
    missesMeetings: (decline) => 0.05 + 0.9 * decline,
    promises: 0.8,
    keepsPromises: (decline) => 1 - decline,
    disputes: 0.02,
    pushbacksAtSigning: 0,
    pushbacksAtRenewal: 0,
    complaintsPerYear: 0.5,
    changesDecisionMaker: 0.5,
  },
  disengaged: {
    // The decision maker does not answer, misses deadlines and meetings (seed 000, mistake 2).
    daysLate: (random) => (random.chance(0.25) ? random.int(20, 35) : uniform(-2, 14)(random)),
    stopsPaying: () => 0,
    paysInParts: () => 0.05,
    bounces: () => 0.01,
    answers: () => 0.25,
    missesMeetings: () => 0.55,
    promises: 0.5,
    keepsPromises: () => 0.4,
    disputes: 0.03,
    pushbacksAtSigning: 0,
    pushbacksAtRenewal: 0,
    complaintsPerYear: 0.5,
    changesDecisionMaker: 1,
  },
  haggler: {
    // Haggles before signing and at every renewal, disputes invoices, complains (seed 000, mistake 1).
    daysLate: (random) => random.int(-3, 6),
    stopsPaying: () => 0,
    paysInParts: () => 0.1,
    bounces: () => 0.01,
    answers: () => 0.85,
    missesMeetings: () => 0.1,
    promises: 0.4,
    keepsPromises: () => 0.85,
    disputes: 0.2,
    pushbacksAtSigning: 3,
    pushbacksAtRenewal: 2,
    complaintsPerYear: 4,
    changesDecisionMaker: 0.05,
  },
};

/** Exactly `clients` personalities in the proportions of `mix` (largest remainder), shuffled. */
export function assignPersonalities(clients: number, mix: PersonalityMix, random: SeededRandom): Personality[] {
  const total = PERSONALITIES.reduce((sum, personality) => sum + mix[personality], 0);
  const quotas = PERSONALITIES.map((personality) => (clients * mix[personality]) / total);
  const counts = quotas.map(Math.floor);
  const byRemainder = PERSONALITIES.map((_, index) => index).sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  for (let left = clients - counts.reduce((sum, count) => sum + count, 0), at = 0; left > 0; left--, at++) counts[byRemainder[at]]++;
  return random.shuffle(PERSONALITIES.flatMap((personality, index) => Array<Personality>(counts[index]).fill(personality)));
}
