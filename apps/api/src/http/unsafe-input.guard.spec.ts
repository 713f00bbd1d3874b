import { MAX_BODY_DEPTH, unsafeInputProblems } from './unsafe-input.guard';

const fields = (input: unknown) => unsafeInputProblems(input).map((problem) => problem.field);

describe('unsafeInputProblems', () => {
  it('finds nothing in ordinary JSON, emoji included', () => {
    expect(unsafeInputProblems(JSON.parse('{"a":{"b":[1,"x",true,{"c":"\\ud83d\\udcb6"}]}}'))).toEqual([]);
  });

  it('names NUL and unpaired surrogates in strings and keys, in the body’s order', () => {
    expect(fields(JSON.parse('{"a":"x\\u0000","b":["ok","\\ud800"],"c\\udc00":1}'))).toEqual(['a', 'b.1', 'c\\udc00']);
  });

  it('refuses prototype keys at any depth, even where JSON.parse made them plain properties', () => {
    expect(fields(JSON.parse('{"__proto__":{},"x":{"constructor":{"prototype":1}},"y":[{"valueOf":1}]}'))).toEqual([
      '__proto__',
      'x.constructor',
      'y.0.valueOf',
    ]);
  });

  it('refuses null: an optional field is left out', () => {
    expect(fields({ a: null, b: [null] })).toEqual(['a', 'b.0']);
  });

  it(`stops at ${MAX_BODY_DEPTH} levels without recursion, whatever the depth`, () => {
    const deep = JSON.parse(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(unsafeInputProblems(deep)).toEqual([
      { field: `a${'.0'.repeat(MAX_BODY_DEPTH - 1)}`, message: expect.stringContaining(`nests deeper than ${MAX_BODY_DEPTH} levels`) },
    ]);
    expect(unsafeInputProblems({ a: { b: { c: { d: 1 } } } })).toEqual([]);
  });

  it('lists at most 20 problems', () => {
    expect(unsafeInputProblems(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, null])))).toHaveLength(20);
  });
});
