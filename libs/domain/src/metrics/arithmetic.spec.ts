import { leastSquaresSlope, roundedRatio, theilSenSlope } from './arithmetic';

describe('arithmetic', () => {
  it('rounds exact ratios half away from zero', () => {
    expect(roundedRatio(1n, 3n, 2)).toBe(0.33);
    expect(roundedRatio(2n, 3n, 2)).toBe(0.67);
    expect(roundedRatio(1n, 8n, 2)).toBe(0.13); // 0.125
    expect(roundedRatio(-1n, 8n, 2)).toBe(-0.13);
    expect(roundedRatio(10n ** 30n, 3n * 10n ** 28n, 1)).toBe(33.3);
    expect(() => roundedRatio(1n, 0n, 1)).toThrow(RangeError);
  });

  it('fits a least-squares slope over the index', () => {
    expect(leastSquaresSlope([0, 5, 10, 15])).toBe(5);
    // [1, 5, 3]: x̄ = 1, ȳ = 3; Σ(x − x̄)(y − ȳ) = (−1)(−2) + 0·2 + 1·0 = 2; Σ(x − x̄)² = 2 → slope 1
    expect(leastSquaresSlope([1, 5, 3])).toBe(1);
    expect(leastSquaresSlope([7])).toBe(0);
  });

  it('fits a Theil–Sen slope: the median of pairwise slopes, which one outlier does not carry', () => {
    expect(theilSenSlope([0, 4, 8, 12])).toBe(4);
    // pairs of [0, 1, 30, 3]: 1, 15, 1, 29, 1, −27 → sorted −27, 1, 1, 1, 15, 29 → median 1 (least squares: 3.8)
    expect(theilSenSlope([0, 1, 30, 3])).toBe(1);
    expect(leastSquaresSlope([0, 1, 30, 3])).toBeCloseTo(3.8);
    expect(theilSenSlope([7])).toBe(0);
  });
});
