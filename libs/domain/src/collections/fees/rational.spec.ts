import { add, fraction, parseDecimal, roundHalfUp } from './rational';

describe('rational', () => {
  it('parses a decimal rate exactly', () => {
    expect(parseDecimal('10.50')).toEqual({ numerator: 1050n, denominator: 100n });
    expect(parseDecimal('8')).toEqual({ numerator: 8n, denominator: 1n });
    expect(parseDecimal('0.125')).toEqual({ numerator: 125n, denominator: 1000n });
  });

  it.each(['', '-1', '1e2', '10,5', ' 10', '.5', '10.'])('refuses %p', (value) => {
    expect(() => parseDecimal(value)).toThrow(/not an unsigned decimal/);
  });

  it('adds and reduces exactly: 1/3 + 1/6 = 1/2', () => {
    expect(add(fraction(1n, 3n), fraction(1n, 6n))).toEqual({ numerator: 1n, denominator: 2n });
  });

  it('rounds half up', () => {
    expect(roundHalfUp(fraction(258889n, 20n))).toBe(12944n); // 12944.45
    expect(roundHalfUp(fraction(25889n, 2n))).toBe(12945n); // 12944.5
    expect(roundHalfUp(fraction(129451n, 10n))).toBe(12945n); // 12945.1
    expect(roundHalfUp(fraction(0n, 7n))).toBe(0n);
  });
});
