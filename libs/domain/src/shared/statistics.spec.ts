import { excessOver, smoothedRate } from './statistics';

/** given (a baseline rate) / when (a recent window is compared with it) / then (what goes beyond chance). */
describe('smoothedRate', () => {
  it('given no history, when the rate is asked, then it is the prior', () => {
    expect(smoothedRate(0, 0, 10, 0.15)).toBe(0.15);
  });

  it('given a short spotless history, when the rate is asked, then it is pulled towards the prior, not to zero', () => {
    // (0 + 10 × 0.15) ÷ (5 + 10) = 0.1
    expect(smoothedRate(0, 5, 10, 0.15)).toBeCloseTo(0.1, 10);
  });
});

describe('excessOver', () => {
  it('given a rate of 10 %, when 1 of 10 misses, then nothing is beyond the expected 1', () => {
    expect(excessOver(1, 10, 0.1, 1)).toBe(0);
  });

  it('given a rate of 10 %, when 5 of 10 miss, then the excess is what lies beyond the expected 1 and one standard deviation', () => {
    // 5 − 10 × 0.1 − √(10 × 0.1 × 0.9) = 5 − 1 − 0.949 = 3.05
    expect(excessOver(5, 10, 0.1, 1)).toBeCloseTo(3.051, 3);
  });
});
