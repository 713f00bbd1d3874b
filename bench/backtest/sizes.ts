import { type BacktestOptions } from './backtest';

/** A fixed "now", so the same seeds give the same figures on every machine and day. */
const NOW = '2026-03-02T10:00:00Z';

/** Three seeds of 150 clients, weekly over two years: about a minute on two cores. */
export const BACKTEST_FULL: BacktestOptions = { seeds: ['north', 'south', 'west'], clients: 150, months: 24, now: NOW };

/** One seed of a few clients over 18 months: seconds, so CI keeps the backtest running. */
export const BACKTEST_SMOKE: BacktestOptions = { seeds: ['smoke'], clients: 15, months: 18, now: NOW };
