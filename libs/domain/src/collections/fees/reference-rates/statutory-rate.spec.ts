import { type LateFeePolicy } from '../../../agreement/agreement';
import { type LateFeePreset, statutoryFixedFee } from '../../../agreement/late-fee-presets';
import { accruedInterest } from '../interest';
import { fixedFeeFor } from '../policy-in-force';
import { halfYearStarts, referenceRateCoverage, statutoryRateOn, statutoryRatesKnown } from './statutory-rate';

const preset = (name: LateFeePreset, compounding: LateFeePolicy['compounding'] = 'simple'): LateFeePolicy => ({
  preset: name,
  compounding,
  graceDays: 0,
});

const accrue = (name: LateFeePreset, amount: bigint, dueOn: string, through: string, compounding?: LateFeePolicy['compounding']) =>
  accruedInterest({ dueOn, amount, principalReductions: [], policies: [{ policy: preset(name, compounding) }], through }).map(
    ({ periodFrom, periodTo, days, principal, annualInterestRate, amount: interest }) => ({
      periodFrom,
      periodTo,
      days,
      principal,
      annualInterestRate,
      amount: interest,
    }),
  );

describe('statutory rates per half year', () => {
  it('take the reference rate of the law’s reference day plus the margin', () => {
    // ECB MRO on 1 Jan 2025: 3.15 % (since 18 Dec 2024); on 1 Jul 2025: 2.15 % (since 11 Jun 2025).
    expect(statutoryRateOn('eu_b2b', '2025-03-01')).toBe('11.15');
    expect(statutoryRateOn('nl_b2b', '2025-07-01')).toBe('10.15');
    // A change inside the half year (2.90 % from 5 Feb 2025) waits for the next half year.
    expect(statutoryRateOn('eu_b2b', '2025-06-30')).toBe('11.15');
    // Basiszinssatz 2.27 % (1 Jan 2025), 1.27 % (1 Jul 2025), + 9 points.
    expect(statutoryRateOn('de_b2b', '2025-01-01')).toBe('11.27');
    expect(statutoryRateOn('de_b2b', '2025-12-31')).toBe('10.27');
    // Bank Rate on 31 Dec 2024: 4.75 %; on 30 Jun 2025: 4.25 % (the cut of 8 May 2025 counts from July).
    expect(statutoryRateOn('uk_b2b', '2025-06-30')).toBe('12.75');
    expect(statutoryRateOn('uk_b2b', '2025-07-01')).toBe('12.25');
    // Wettelijke handelsrente as published: 12.50 % H1 2024, 12.25 % H2 2024.
    expect(statutoryRateOn('nl_b2b', '2024-01-01')).toBe('12.50');
    expect(statutoryRateOn('nl_b2b', '2024-12-31')).toBe('12.25');
  });

  it('give the table of the README, half year by half year', () => {
    const halfYears = ['2023-01-01', '2023-07-01', '2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01'];
    const table = (name: LateFeePreset) => halfYears.map((day) => statutoryRateOn(name, day));
    expect(table('eu_b2b')).toEqual(['10.50', '12.00', '12.50', '12.25', '11.15', '10.15']);
    expect(table('nl_b2b')).toEqual(table('eu_b2b'));
    expect(table('de_b2b')).toEqual(['10.62', '12.12', '12.62', '12.37', '11.27', '10.27']);
    expect(table('uk_b2b')).toEqual(['11.50', '13.00', '13.25', '13.25', '12.75', '12.25']);
  });

  it('are unknown (not guessed) past the tables, and the coverage says so', () => {
    expect(statutoryRateOn('eu_b2b', '2026-01-01')).toBeUndefined();
    expect(statutoryRateOn('uk_b2b', '2026-01-01')).toBeUndefined();
    expect(statutoryRateOn('de_b2b', '2022-12-31')).toBeUndefined();
    expect(statutoryRatesKnown('uk_b2b')).toEqual({ from: '2023-01-01', through: '2025-12-31' });
    expect(referenceRateCoverage('2025-12-31').every((coverage) => !coverage.stale)).toBe(true);
    expect(referenceRateCoverage('2026-01-01')).toContainEqual({
      preset: 'de_b2b',
      knownFrom: '2023-01-01',
      knownThrough: '2025-12-31',
      stale: true,
    });
  });

  it('change on 1 January and 1 July', () => {
    expect(halfYearStarts('2024-06-16', '2025-07-15')).toEqual(['2024-07-01', '2025-01-01', '2025-07-01']);
  });
});

describe('statutory interest across a rate change (30 June → 1 July 2025), to the cent', () => {
  it('eu_b2b: 10,000.00 due 15 Jun at 11.15 %, then 10.15 %', () => {
    // 16–30 Jun, 15 days: 10000 × 11.15 % × 15/365 = 45.8219… → 45.82
    // 1–15 Jul, 15 days: 10000 × 10.15 % × 15/365 = 41.7123…; running total 87.5342… → 87.53, so 41.71
    expect(accrue('eu_b2b', 1_000_000n, '2025-06-15', '2025-07-15')).toEqual([
      { periodFrom: '2025-06-16', periodTo: '2025-06-30', days: 15, principal: 1_000_000n, annualInterestRate: '11.15', amount: 4582n },
      { periodFrom: '2025-07-01', periodTo: '2025-07-15', days: 15, principal: 1_000_000n, annualInterestRate: '10.15', amount: 4171n },
    ]);
  });

  it('de_b2b: Basiszinssatz + 9 points, 11.27 % then 10.27 %', () => {
    // 10000 × 11.27 % × 15/365 = 46.3150… → 46.32; + 10000 × 10.27 % × 15/365 = 42.2055… → total 88.5205… → 88.52, so 42.20
    expect(
      accrue('de_b2b', 1_000_000n, '2025-06-15', '2025-07-15').map(({ annualInterestRate, amount }) => [annualInterestRate, amount]),
    ).toEqual([
      ['11.27', 4632n],
      ['10.27', 4220n],
    ]);
  });

  it('uk_b2b: Bank Rate of 31 Dec / 30 Jun + 8 points, 12.75 % then 12.25 %', () => {
    // 5000 × 12.75 % × 15/365 = 26.1986… → 26.20; + 5000 × 12.25 % × 15/365 = 25.1712… → total 51.3698… → 51.37, so 25.17
    expect(
      accrue('uk_b2b', 500_000n, '2025-06-15', '2025-07-15').map(({ annualInterestRate, amount }) => [annualInterestRate, amount]),
    ).toEqual([
      ['12.75', 2620n],
      ['12.25', 2517n],
    ]);
  });

  it('nl_b2b: compounded after each year, the rate still set per half year', () => {
    // Due 30 Jun 2024; interest from 1 Jul 2024.
    // H2 2024, 184 days at 12.25 %: 10000 × 0.1225 × 184/365 = 617.5342… → 617.53
    // H1 2025, 181 days at 11.15 %: 10000 × 0.1115 × 181/365 = 552.9178…; total 1170.4520… → 1170.45, so 552.92
    // 1 Jul 2025, a year on: 1170.45 is added to the principal → base 11170.45.
    // 1–31 Jul 2025, 31 days at 10.15 %: 11170.45 × 0.1015 × 31/365 = 96.2953…; total 1266.7474… → 1266.75, so 96.30
    // (simple interest would have given 86.21 for July).
    expect(accrue('nl_b2b', 1_000_000n, '2024-06-30', '2025-07-31', 'annual')).toEqual([
      { periodFrom: '2024-07-01', periodTo: '2024-12-31', days: 184, principal: 1_000_000n, annualInterestRate: '12.25', amount: 61_753n },
      { periodFrom: '2025-01-01', periodTo: '2025-06-30', days: 181, principal: 1_000_000n, annualInterestRate: '11.15', amount: 55_292n },
      { periodFrom: '2025-07-01', periodTo: '2025-07-31', days: 31, principal: 1_117_045n, annualInterestRate: '10.15', amount: 9_630n },
    ]);
  });

  it('charges nothing for a half year without a known rate', () => {
    // 16–31 Dec 2025 at 10.15 %: 10000 × 0.1015 × 16/365 = 44.4931… → 44.49; January 2026 waits for the tables.
    expect(accrue('eu_b2b', 1_000_000n, '2025-12-15', '2026-01-31')).toEqual([
      { periodFrom: '2025-12-16', periodTo: '2025-12-31', days: 16, principal: 1_000_000n, annualInterestRate: '10.15', amount: 4449n },
    ]);
  });
});

describe('statutory fixed sums', () => {
  it('EUR 40 per late invoice under the EU, Dutch and German rules', () => {
    for (const name of ['eu_b2b', 'nl_b2b', 'de_b2b'] as const) expect(statutoryFixedFee(name, 1n)).toBe(4000n);
  });

  it('GBP 40 / 70 / 100 by the size of the debt under the UK Act', () => {
    expect(fixedFeeFor(preset('uk_b2b'), 99_999n)).toBe(4000n);
    expect(fixedFeeFor(preset('uk_b2b'), 100_000n)).toBe(7000n);
    expect(fixedFeeFor(preset('uk_b2b'), 999_999n)).toBe(7000n);
    expect(fixedFeeFor(preset('uk_b2b'), 1_000_000n)).toBe(10_000n);
  });

  it('an agreed fixed fee stays the agreed one', () => {
    expect(fixedFeeFor({ fixedFee: '2500', compounding: 'simple', graceDays: 0 }, 1_000_000n)).toBe(2500n);
    expect(fixedFeeFor(undefined, 1_000_000n)).toBeUndefined();
  });
});
