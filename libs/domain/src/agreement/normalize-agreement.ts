import { IANAZone } from 'luxon';
import type { AgreementInput, CollectionsLadderInput, LateFeePolicyInput } from './agreement-input';
import { DEFAULT_LADDER, LADDER_LEVELS, LADDER_UNITS, type LadderLevel } from './collections-ladder';
import { parseMajorUnits, minorString } from '../money/money';
import { invalid } from '../shared/errors';
import { type MinorUnits } from '../shared/types';
import {
  type AccountManager,
  type Agreement,
  type BusinessHours,
  type Contact,
  type ContactChannel,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_NOTICE_DAYS,
  DEFAULT_RESPONSE_TIME_BUSINESS_DAYS,
  type LateFeePolicy,
  PAYMENT_ALLOCATION_ORDERS,
  type PaymentAllocationOrder,
  type PaymentTerms,
} from './agreement';
import { type CollectionsLadder } from './collections-ladder';
import { assertIsoDate } from '../shared/dates';
import { nonNegativeInteger, requiredText } from './input-checks';
import { letterLanguage, paymentInstructions } from './payment-instructions';
import { LATE_FEE_PRESETS, type LateFeePreset, STATUTORY_LATE_FEE_RULES } from './late-fee-presets';

/** Field paths are relative to the command body, where the agreement sits under `agreement`. */
const FIELD = 'agreement';
const CONTACT_CHANNELS: readonly ContactChannel[] = ['email', 'phone', 'letter', 'meeting'];
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const PERCENT = /^\d+(\.\d+)?$/;

const nonNegativeAmount = (amount: string, currency: string, field: string): MinorUnits => {
  const minor = parseMajorUnits(amount, currency, field);
  if (minor < 0n) throw invalid('amount_negative', `${field} must not be negative`, field);
  return minorString(minor);
};

const paymentTerms = (terms: PaymentTerms, field: string): PaymentTerms => {
  switch (terms.type) {
    case 'net':
    case 'end_of_month':
      return { type: terms.type, days: nonNegativeInteger(terms.days, `${field}.days`) };
    case 'due_on_receipt':
      return { type: 'due_on_receipt' };
    default:
      throw invalid('unknown_payment_terms', `${field}.type must be net, due_on_receipt or end_of_month`, `${field}.type`);
  }
};

const timezone = (zone: string, field: string): string => {
  if (!IANAZone.isValidZone(zone)) throw invalid('unknown_timezone', `"${zone}" is not an IANA time zone`, field);
  return zone;
};

const businessHours = (hours: BusinessHours, field: string): BusinessHours => {
  const weekdays = [...new Set(hours.weekdays)].sort((a, b) => a - b);
  if (weekdays.length === 0 || weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw invalid('invalid_weekdays', `${field}.weekdays must list ISO weekdays 1 (Mon) … 7 (Sun)`, `${field}.weekdays`);
  }
  for (const key of ['start', 'end'] as const) {
    if (!HH_MM.test(hours[key])) throw invalid('invalid_time', `${field}.${key} must be HH:mm`, `${field}.${key}`);
  }
  // HH:mm strings compare like times.
  if (hours.start >= hours.end) throw invalid('invalid_business_hours', `${field}.start must be before ${field}.end`, `${field}.end`);
  return { weekdays, start: hours.start, end: hours.end };
};

const contact = (input: Contact, field: string): Contact => {
  const email = requiredText(input.email, `${field}.email`);
  if (!email.includes('@')) throw invalid('invalid_email', `${field}.email is not an e-mail address`, `${field}.email`);
  if (!CONTACT_CHANNELS.includes(input.preferredChannel)) {
    throw invalid(
      'invalid_channel',
      `${field}.preferredChannel must be one of ${CONTACT_CHANNELS.join(', ')}`,
      `${field}.preferredChannel`,
    );
  }
  return {
    name: requiredText(input.name, `${field}.name`),
    email,
    ...(input.phone !== undefined && { phone: input.phone }),
    preferredChannel: input.preferredChannel,
  };
};

const accountManager = (input: AccountManager, field: string): AccountManager => ({
  name: requiredText(input.name, `${field}.name`),
  ...(input.email !== undefined && { email: input.email }),
  ...(input.phone !== undefined && { phone: input.phone }),
});

/**
 * A statutory preset brings its own fee, rate and compounding (`late-fee-presets.ts`), so it is refused
 * beside them, and in a currency other than the one the law states its fixed sums in.
 */
const statutoryPolicy = (input: LateFeePolicyInput & { preset: LateFeePreset }, currency: string, field: string): LateFeePolicy => {
  if (!LATE_FEE_PRESETS.includes(input.preset))
    throw invalid('unknown_late_fee_preset', `${field}.preset must be one of ${LATE_FEE_PRESETS.join(', ')}`, `${field}.preset`);
  const conflicting = (['fixedFee', 'annualInterestRate', 'compounding'] as const).find((key) => input[key] !== undefined);
  if (conflicting !== undefined)
    throw invalid(
      'preset_conflict',
      `${field}.${conflicting} cannot be set beside ${field}.preset: the preset sets it`,
      `${field}.${conflicting}`,
    );
  const rules = STATUTORY_LATE_FEE_RULES[input.preset];
  if (rules.currency !== currency)
    throw invalid(
      'preset_currency_mismatch',
      `${field}.preset ${input.preset} states its fixed sums in ${rules.currency}; the account is kept in ${currency}`,
      `${field}.preset`,
    );
  return {
    preset: input.preset,
    compounding: rules.compounding,
    graceDays: nonNegativeInteger(input.graceDays ?? 0, `${field}.graceDays`),
  };
};

const lateFeePolicy = (input: LateFeePolicyInput, currency: string, field: string): LateFeePolicy => {
  if (input.preset !== undefined) return statutoryPolicy({ ...input, preset: input.preset }, currency, field);
  if (input.annualInterestRate !== undefined && !PERCENT.test(input.annualInterestRate)) {
    throw invalid(
      'invalid_rate',
      `${field}.annualInterestRate must be a decimal percentage ≥ 0, e.g. "10.50"`,
      `${field}.annualInterestRate`,
    );
  }
  const compounding = input.compounding ?? 'simple';
  if (compounding !== 'simple' && compounding !== 'annual') {
    throw invalid('invalid_compounding', `${field}.compounding must be simple or annual`, `${field}.compounding`);
  }
  return {
    ...(input.fixedFee !== undefined && { fixedFee: nonNegativeAmount(input.fixedFee, currency, `${field}.fixedFee`) }),
    ...(input.annualInterestRate !== undefined && { annualInterestRate: input.annualInterestRate }),
    compounding,
    graceDays: nonNegativeInteger(input.graceDays ?? 0, `${field}.graceDays`),
  };
};

const MAX_LADDER_DAYS = 3650;

/**
 * The agreed rungs, `unit` defaulting to calendar days. Together with the default rungs they must still
 * climb: each rung's day count above the one before, so no agreement can skip or reorder the ladder.
 */
const collectionsLadder = (input: CollectionsLadderInput, field: string): CollectionsLadder => {
  const unknown = Object.keys(input).find((level) => !(LADDER_LEVELS as readonly string[]).includes(level));
  if (unknown !== undefined) {
    throw invalid(
      'unknown_ladder_level',
      `${field}.${unknown} is not a rung of the ladder (${LADDER_LEVELS.join(', ')})`,
      `${field}.${unknown}`,
    );
  }
  const agreed: CollectionsLadder = {};
  for (const level of LADDER_LEVELS) {
    const rung = input[level];
    if (rung === undefined) continue;
    const days = nonNegativeInteger(rung.days, `${field}.${level}.days`);
    if (days < 1 || days > MAX_LADDER_DAYS) {
      throw invalid('invalid_ladder_days', `${field}.${level}.days must be between 1 and ${MAX_LADDER_DAYS}`, `${field}.${level}.days`);
    }
    const unit = rung.unit ?? 'calendar_days';
    if (!LADDER_UNITS.includes(unit)) {
      throw invalid('invalid_ladder_unit', `${field}.${level}.unit must be ${LADDER_UNITS.join(' or ')}`, `${field}.${level}.unit`);
    }
    agreed[level] = { days, unit };
  }
  const ladder = { ...DEFAULT_LADDER, ...agreed };
  const described = (level: LadderLevel) => `${level} (${ladder[level].days} days${agreed[level] ? '' : ', the default'})`;
  LADDER_LEVELS.slice(1).forEach((level, index) => {
    const below = LADDER_LEVELS[index];
    if (ladder[level].days > ladder[below].days) return;
    // Name the rung the client agreed: that is the one to change.
    const [named, message] = agreed[level]
      ? [level, `${described(level)} must come after ${described(below)}`]
      : [below, `${described(below)} must come before ${described(level)}`];
    throw invalid('ladder_out_of_order', `${field}.${message}`, `${field}.${named}`);
  });
  return agreed;
};

const agencyRequiresApproval = (value: boolean): boolean => {
  if (typeof value !== 'boolean')
    throw invalid('not_a_boolean', `${FIELD}.agencyRequiresApproval must be true or false`, `${FIELD}.agencyRequiresApproval`);
  return value;
};

const paymentAllocationOrder = (value: PaymentAllocationOrder): PaymentAllocationOrder => {
  if (!PAYMENT_ALLOCATION_ORDERS.includes(value))
    throw invalid(
      'invalid_payment_allocation_order',
      `${FIELD}.paymentAllocationOrder must be one of ${PAYMENT_ALLOCATION_ORDERS.join(', ')}`,
      `${FIELD}.paymentAllocationOrder`,
    );
  return value;
};

const MAX_COLLECTIONS_DAYS = 365;

/** Days of a collections setting: a whole number from `min` up to a year. */
const collectionsDays = (value: number, min: number, field: string): number => {
  const days = nonNegativeInteger(value, field);
  if (days < min || days > MAX_COLLECTIONS_DAYS)
    throw invalid('invalid_collections_days', `${field} must be between ${min} and ${MAX_COLLECTIONS_DAYS}`, field);
  return days;
};

/**
 * The agreement as the domain keeps it: defaults applied (UTC, Mon–Fri 09:00–17:00, response time 2
 * business days, 30 days' notice, net 30, simple interest, no grace), amounts in minor units, holidays
 * sorted and unique. Anything invalid is refused with the offending field's path.
 */
export const normalizeAgreement = (input: AgreementInput, currency: string): Agreement => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw invalid('required', `${FIELD} is required (an object)`, FIELD);
  const holidays = (input.holidays ?? []).map((day, index) => assertIsoDate(day, `${FIELD}.holidays.${index}`));
  if (input.contact === undefined) throw invalid('required', `${FIELD}.contact is required`, `${FIELD}.contact`);
  return {
    paymentTerms: paymentTerms(input.paymentTerms ?? { type: 'net', days: 30 }, `${FIELD}.paymentTerms`),
    timezone: timezone(input.timezone ?? 'UTC', `${FIELD}.timezone`),
    businessHours: businessHours(input.businessHours ?? DEFAULT_BUSINESS_HOURS, `${FIELD}.businessHours`),
    holidays: [...new Set(holidays)].sort(),
    contact: contact(input.contact, `${FIELD}.contact`),
    ...(input.accountManager !== undefined && { accountManager: accountManager(input.accountManager, `${FIELD}.accountManager`) }),
    responseTimeBusinessDays: nonNegativeInteger(
      input.responseTimeBusinessDays ?? DEFAULT_RESPONSE_TIME_BUSINESS_DAYS,
      `${FIELD}.responseTimeBusinessDays`,
    ),
    ...(input.lateFeePolicy !== undefined && { lateFeePolicy: lateFeePolicy(input.lateFeePolicy, currency, `${FIELD}.lateFeePolicy`) }),
    noticeDays: nonNegativeInteger(input.noticeDays ?? DEFAULT_NOTICE_DAYS, `${FIELD}.noticeDays`),
    ...(input.creditLimit !== undefined && { creditLimit: nonNegativeAmount(input.creditLimit, currency, `${FIELD}.creditLimit`) }),
    ...(input.collectionsLadder !== undefined && {
      collectionsLadder: collectionsLadder(input.collectionsLadder, `${FIELD}.collectionsLadder`),
    }),
    // Collections settings agreed per client; absent ones keep the process's defaults.
    ...(input.minimumStepSpacingDays !== undefined && {
      minimumStepSpacingDays: collectionsDays(input.minimumStepSpacingDays, 1, `${FIELD}.minimumStepSpacingDays`),
    }),
    ...(input.finalNoticeDays !== undefined && {
      finalNoticeDays: collectionsDays(input.finalNoticeDays, 1, `${FIELD}.finalNoticeDays`),
    }),
    ...(input.agencyRequiresApproval !== undefined && { agencyRequiresApproval: agencyRequiresApproval(input.agencyRequiresApproval) }),
    ...(input.bookingLagBusinessDays !== undefined && {
      bookingLagBusinessDays: collectionsDays(input.bookingLagBusinessDays, 0, `${FIELD}.bookingLagBusinessDays`),
    }),
    ...(input.paymentAllocationOrder !== undefined && {
      paymentAllocationOrder: paymentAllocationOrder(input.paymentAllocationOrder),
    }),
    ...(input.language !== undefined && { language: letterLanguage(input.language, `${FIELD}.language`) }),
    ...(input.paymentInstructions !== undefined && {
      paymentInstructions: paymentInstructions(input.paymentInstructions, `${FIELD}.paymentInstructions`),
    }),
  };
};
