/**
 * The collections ladder's vocabulary (SPEC 5): its levels, its rungs and how their thresholds are
 * counted. It belongs to the agreement because the rungs are agreed per client; the collections
 * process climbs them.
 */

export const COLLECTION_LEVELS = ['none', 'reminder', 'firm_reminder', 'call', 'credit_hold', 'final_notice', 'agency'] as const;
export type CollectionLevel = (typeof COLLECTION_LEVELS)[number];

/** A rung of the ladder (every collection level but `none`). */
export type LadderLevel = Exclude<CollectionLevel, 'none'>;

export const LADDER_LEVELS = COLLECTION_LEVELS.filter((level): level is LadderLevel => level !== 'none');

/**
 * The rungs that reach the client, in the order they must come (SPEC 5): none before every earlier one
 * was sent for the debt; `call` and `credit_hold` act on our side and come at once.
 */
export const CLIENT_FACING_LEVELS = ['reminder', 'firm_reminder', 'final_notice', 'agency'] as const satisfies readonly LadderLevel[];
export type ClientFacingLevel = (typeof CLIENT_FACING_LEVELS)[number];

export const isClientFacing = (level: CollectionLevel): level is ClientFacingLevel =>
  (CLIENT_FACING_LEVELS as readonly CollectionLevel[]).includes(level);

/** How a rung's days are counted: calendar days, or the client's business days. */
export const LADDER_UNITS = ['calendar_days', 'business_days'] as const;

/** Days past due at which a rung is reached. */
export interface LadderThreshold {
  days: number;
  unit: (typeof LADDER_UNITS)[number];
}

/** Days past due at which each agreed rung is reached (SPEC 5: the ladder is configurable per client). */
export type CollectionsLadder = Partial<Record<LadderLevel, LadderThreshold>>;

/** The rungs of a client who agreed none. */
export const DEFAULT_LADDER: Readonly<Record<LadderLevel, LadderThreshold>> = {
  reminder: { days: 1, unit: 'business_days' },
  firm_reminder: { days: 7, unit: 'calendar_days' },
  call: { days: 14, unit: 'calendar_days' },
  credit_hold: { days: 30, unit: 'calendar_days' },
  final_notice: { days: 45, unit: 'calendar_days' },
  agency: { days: 60, unit: 'calendar_days' },
};

export const levelRank = (level: CollectionLevel): number => COLLECTION_LEVELS.indexOf(level);

export const higherLevel = <L extends CollectionLevel>(a: L, b: L): L => (levelRank(a) >= levelRank(b) ? a : b);

/** The rung above `level`; the last rung stays where it is. */
export const nextLevel = (level: CollectionLevel): LadderLevel => LADDER_LEVELS[Math.min(levelRank(level), LADDER_LEVELS.length - 1)];
