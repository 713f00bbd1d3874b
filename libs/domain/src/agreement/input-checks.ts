import { invalid } from '../shared/errors';

/** Checks for plain values from the outside world, shared by the agreement and the command handlers. */

export const requiredText = (value: string | undefined, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw invalid('required', `${field} is required`, field);
  return value;
};

export const nonNegativeInteger = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 0) throw invalid('not_a_non_negative_integer', `${field} must be a whole number ≥ 0`, field);
  return value;
};
