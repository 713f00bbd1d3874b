import { type IsoDate } from '@settle/domain';
import { type SeededRandom } from './seeded-random';

/** The kinds of client the seeds describe (SPEC 2), plus the clients every firm hopes for: the default mix. */
export const PERSONALITIES = ['good_payer', 'steady_late_payer', 'going_south', 'disengaged', 'haggler'] as const;

/**
 * The harder cases an early warning must tell apart (issue 14), used by the backtest's mix: clients who go
 * quiet before they pay late, who pay smaller and smaller parts, and healthy clients with one bad month,
 * a seasonal rhythm, a resolved dispute, a new decision maker, noisy or lumpy invoicing. Listed after the
 * default ones, so a portfolio of the default mix is the same as before they existed.
 */
export const EARLY_WARNING_PERSONALITIES = [
  'disengages_first',
  'shrinking_payer',
  'holiday_late_month',
  'seasonal_payer',
  'resolved_dispute',
  'new_decision_maker',
  'noisy_late_payer',
  'lumpy_invoicer',
  'new_client_going_south',
] as const;

export const ALL_PERSONALITIES = [...PERSONALITIES, ...EARLY_WARNING_PERSONALITIES] as const;
export type Personality = (typeof ALL_PERSONALITIES)[number];

/** Share of each personality in a portfolio (a personality left out has none). */
export type PersonalityMix = Partial<Record<Personality, number>>;

export const PERSONALITY_LABELS: Record<Personality, string> = {
  good_payer: 'good payer',
  steady_late_payer: 'steady late payer',
  going_south: 'going south',
  disengaged: 'disengaged decision maker',
  haggler: 'haggler',
  disengages_first: 'goes quiet, then stops paying',
  shrinking_payer: 'smaller and smaller parts, broken promises',
  holiday_late_month: 'punctual with an isolated late month',
  seasonal_payer: 'seasonal: late every summer and December',
  resolved_dispute: 'punctual with resolved disputes',
  new_decision_maker: 'new decision maker who stays engaged',
  noisy_late_payer: 'late by a widely varying amount',
  lumpy_invoicer: 'punctual, large and small invoices',
  new_client_going_south: 'new client going south within its first year',
};

export const DEFAULT_MIX: PersonalityMix = {
  good_payer: 0.45,
  steady_late_payer: 0.2,
  going_south: 0.1,
  disengaged: 0.1,
  haggler: 0.15,
};

/**
 * The backtest's mix: every personality, with the defaulters (going south, quiet first, shrinking parts, new
 * clients going south) about a quarter of the portfolio so each seed has enough of them to measure.
 */
export const BACKTEST_MIX: PersonalityMix = {
  good_payer: 0.12,
  steady_late_payer: 0.08,
  going_south: 0.09,
  disengaged: 0.06,
  haggler: 0.06,
  disengages_first: 0.09,
  shrinking_payer: 0.08,
  holiday_late_month: 0.1,
  seasonal_payer: 0.07,
  resolved_dispute: 0.06,
  new_decision_maker: 0.06,
  noisy_late_payer: 0.07,
  lumpy_invoicer: 0.06,
  new_client_going_south: 0.05,
};

/**
 * How a client behaves, as probabilities and draws that depend on its `decline`: 0 for a healthy
 * business, rising to 1 at "now" for one going south (SPEC 2, red flag 3). Only going-south clients
 * ever decline, so for the others the functions are effectively constants.
 */
export interface Traits {
  /** Days beyond the due date an invoice is settled (negative: early). */
  daysLate(random: SeededRandom, decline: number, dueOn: IsoDate): number;
  /** The business declines towards now (going south): the history draws when the decline starts. */
  declines?: boolean;
  /** A new client: its first invoice comes this many months (drawn between the two) before its decline starts. */
  monthsBeforeDecline?: [number, number];
  /** Per cent of the typical amount an invoice is for; by default 85–115. */
  amountPerCent?(random: SeededRandom): number;
  /** Per cent of the outstanding amount the first of two parts pays; by default 30–60. */
  partPerCent?(random: SeededRandom, decline: number): number;
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

const DEFAULT_TRAITS: Record<(typeof PERSONALITIES)[number], Traits> = {
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
    declines: true,
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

const punctual = (random: SeededRandom) => random.int(-10, 0);
/** A healthy client: answers, comes to meetings, keeps its promises. */
const HEALTHY: Traits = {
  daysLate: punctual,
  stopsPaying: () => 0,
  paysInParts: () => 0.03,
  bounces: () => 0.005,
  answers: () => 0.95,
  missesMeetings: () => 0.04,
  promises: 0.3,
  keepsPromises: () => 0.95,
  disputes: 0.01,
  pushbacksAtSigning: 0,
  pushbacksAtRenewal: 0,
  complaintsPerYear: 0.3,
  changesDecisionMaker: 0.03,
};
/** 0 until `from` of the decline, rising to 1 at `to`. */
const phase = (decline: number, from: number, to: number) => Math.min(1, Math.max(0, (decline - from) / (to - from)));
/** Months whose invoices a seasonal business pays late (summer holidays, year end). */
const SEASONAL_LATE_MONTHS = new Set(['07', '08', '12']);

const EARLY_WARNING_TRAITS: Record<(typeof EARLY_WARNING_PERSONALITIES)[number], Traits> = {
  disengages_first: {
    ...HEALTHY,
    declines: true,
    // Stops answering and meeting in the first third of the decline; pays later only in its second half, then not at all.
    answers: (decline) => 0.95 - 0.85 * phase(decline, 0, 0.35),
    missesMeetings: (decline) => 0.05 + 0.85 * phase(decline, 0, 0.35),
    daysLate: (random, decline) => Math.round(80 * phase(decline, 0.5, 1) ** 1.5) + random.int(-6, 1),
    stopsPaying: (decline) => (decline > 0.75 ? 1 : 0),
    paysInParts: (decline) => 0.03 + 0.4 * phase(decline, 0.5, 1),
    keepsPromises: (decline) => 1 - phase(decline, 0.3, 0.8),
    promises: 0.6,
    changesDecisionMaker: 0.7,
  },
  shrinking_payer: {
    ...HEALTHY,
    declines: true,
    // Still answers and promises, but pays an ever smaller part, late, and breaks the promises for the rest.
    daysLate: (random, decline) => Math.round(45 * decline ** 1.5) + random.int(-4, 3),
    paysInParts: (decline) => (decline > 0.15 ? 0.9 : 0.05),
    partPerCent: (random, decline) => Math.max(5, Math.round(60 - 55 * decline) + random.int(-5, 5)),
    stopsPaying: (decline) => (decline > 0.7 ? 1 : 0),
    answers: (decline) => 0.95 - 0.35 * decline,
    promises: 0.9,
    keepsPromises: (decline) => Math.max(0, 1 - 1.3 * decline),
  },
  holiday_late_month: {
    ...HEALTHY,
    // Punctual, but about one invoice a year is paid 20–40 days late (the holiday month).
    daysLate: (random) => (random.chance(0.07) ? random.int(20, 40) : punctual(random)),
  },
  seasonal_payer: {
    ...HEALTHY,
    daysLate: (random, _decline, dueOn) => (SEASONAL_LATE_MONTHS.has(dueOn.slice(5, 7)) ? random.int(12, 30) : random.int(-8, 2)),
  },
  resolved_dispute: { ...HEALTHY, disputes: 0.12 },
  new_decision_maker: { ...HEALTHY, changesDecisionMaker: 1, answers: () => 0.95 },
  noisy_late_payer: {
    ...HEALTHY,
    // Late by anything from a few days to a month, with no direction.
    daysLate: (random) => random.int(3, 32),
    answers: () => 0.85,
    promises: 0.5,
    keepsPromises: () => 0.9,
  },
  lumpy_invoicer: {
    ...HEALTHY,
    // Mostly small invoices, now and then a project five times the usual size.
    amountPerCent: (random) => (random.chance(0.12) ? random.int(300, 600) : random.int(30, 120)),
    daysLate: (random) => (random.chance(0.1) ? random.int(1, 10) : punctual(random)),
  },
  // Going south a few months after signing: relationships default most in their first year (a new business, a
  // client that took on more than it could pay), before a year of payments shows what is usual for it.
  new_client_going_south: { ...DEFAULT_TRAITS.going_south, monthsBeforeDecline: [3, 6] },
};

export const TRAITS: Record<Personality, Traits> = { ...DEFAULT_TRAITS, ...EARLY_WARNING_TRAITS };

/** Exactly `clients` personalities in the proportions of `mix` (largest remainder), shuffled. */
export function assignPersonalities(clients: number, mix: PersonalityMix, random: SeededRandom): Personality[] {
  const share = (personality: Personality) => mix[personality] ?? 0;
  const total = ALL_PERSONALITIES.reduce((sum, personality) => sum + share(personality), 0);
  const quotas = ALL_PERSONALITIES.map((personality) => (clients * share(personality)) / total);
  const counts = quotas.map(Math.floor);
  const byRemainder = ALL_PERSONALITIES.map((_, index) => index).sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  for (let left = clients - counts.reduce((sum, count) => sum + count, 0), at = 0; left > 0; left--, at++) counts[byRemainder[at]]++;
  return random.shuffle(ALL_PERSONALITIES.flatMap((personality, index) => Array<Personality>(counts[index]).fill(personality)));
}
