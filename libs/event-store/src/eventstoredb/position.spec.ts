import { decodePosition, encodePosition } from './position';

describe('EventStoreDB position encoding', () => {
  it('keeps both halves exactly, beyond the range of JS numbers', () => {
    const position = { commit: 18446744073709551000n, prepare: 9007199254740993n };

    const encoded = encodePosition(position);

    expect(encoded).toBe('18446744073709551000/9007199254740993');
    expect(decodePosition(encoded)).toEqual(position);
  });

  it('tells apart events that share a commit position', () => {
    expect(encodePosition({ commit: 500n, prepare: 500n })).not.toBe(encodePosition({ commit: 500n, prepare: 620n }));
  });

  it.each(['', '12', '12/', '/12', '1.5/2', '-1/2', '12/34/56', 'a/b'])('refuses %p, which it never produced', (text) => {
    expect(() => decodePosition(text)).toThrow('Not an EventStoreDB position');
  });
});
