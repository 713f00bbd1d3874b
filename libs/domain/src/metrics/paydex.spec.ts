import { paydexForDaysBeyondTerms } from './paydex';

describe('paydexForDaysBeyondTerms', () => {
  it.each([
    [-30, 100],
    [0, 80],
    [15, 70],
    [22, 60],
    [30, 50],
    [60, 40],
    [90, 30],
    [120, 20],
  ])('%d days beyond terms is the D&B point %d', (days, score) => {
    expect(paydexForDaysBeyondTerms(days)).toBe(score);
  });

  it('is linear between two points', () => {
    // 7.5 days: 80 + 7.5 × (70 − 80) / 15 = 80 − 5 = 75
    expect(paydexForDaysBeyondTerms(7.5)).toBe(75);
    // 26 days: 60 + (26 − 22) × (50 − 60) / (30 − 22) = 60 − 5 = 55
    expect(paydexForDaysBeyondTerms(26)).toBe(55);
    // 15 days early: 100 + (−15 + 30) × (80 − 100) / 30 = 100 − 10 = 90
    expect(paydexForDaysBeyondTerms(-15)).toBe(90);
    // 45 days: 50 + 15 × (40 − 50) / 30 = 45
    expect(paydexForDaysBeyondTerms(45)).toBe(45);
  });

  it('stays at 100 for earlier payment', () => {
    expect(paydexForDaysBeyondTerms(-60)).toBe(100);
  });

  it('falls 1 point per 3 days beyond 120 days to a floor of 1', () => {
    // 150 days: 20 − 30 / 3 = 10
    expect(paydexForDaysBeyondTerms(150)).toBe(10);
    // 177 days: 20 − 57 / 3 = 1
    expect(paydexForDaysBeyondTerms(177)).toBe(1);
    expect(paydexForDaysBeyondTerms(400)).toBe(1);
  });
});
