import fc from 'fast-check';
import { Map as ImmutableMap, OrderedMap, Set as ImmutableSet } from 'immutable';
import { DateTime } from 'luxon';
import { type StreamSnapshot } from '@settle/command-pipeline';
import { type CollectionsSubject, collectionsSubjectFold } from '../collections-subject';
import { decodeSnapshot, encodeSnapshot, packCommands, unpackCommands } from './snapshot-codec';

const snapshotWith = (collections: Partial<CollectionsSubject['collections']>): StreamSnapshot<CollectionsSubject> => {
  const subject = collectionsSubjectFold.initialState();
  return {
    state: { ...subject, collections: { ...subject.collections, ...collections }, decidedThrough: '2026-03-01T00:00:00.000Z' },
    revision: 41n,
    lastHash: 'a'.repeat(64),
    commands: ImmutableMap({ 'ChargeLateFee:I-1:2026-02': 'b'.repeat(64), 'EscalateCollections:2': 'c'.repeat(64) }),
  };
};

describe('collections snapshot codec', () => {
  it('reads back what it wrote: bigints, immutable maps and sets in their order, the commands and the revision', () => {
    const snapshot = snapshotWith({
      disputesRaised: ImmutableMap({ 'I-2': '2026-02-03T10:00:00.000Z', 'I-1': '2026-02-01T10:00:00.000Z' }),
      waiverIds: ImmutableSet(['W-2', 'W-1']),
      recomputedInterestWaived: ImmutableMap([['I-1', 1234n]]),
    });
    const decoded = decodeSnapshot(encodeSnapshot(snapshot));
    expect(decoded.revision).toBe(41n);
    expect(decoded.lastHash).toBe(snapshot.lastHash);
    expect(decoded.commands.toJS()).toEqual(snapshot.commands.toJS());
    expect(ImmutableMap.isMap(decoded.state.collections.disputesRaised)).toBe(true);
    expect([...decoded.state.collections.disputesRaised.keys()]).toEqual(['I-2', 'I-1']);
    expect([...decoded.state.collections.waiverIds]).toEqual(['W-2', 'W-1']);
    expect(decoded.state.collections.recomputedInterestWaived.get('I-1')).toBe(1234n);
    expect(decoded.state.decidedThrough).toBe('2026-03-01T00:00:00.000Z');
    expect(encodeSnapshot(decoded)).toBe(encodeSnapshot(snapshot));
  });

  it('keeps the behaviour facts as they are', () => {
    const snapshot = snapshotWith({});
    snapshot.state.facts = {
      ...snapshot.state.facts,
      clientId: 'C-1',
      creditLimit: '500000',
      invoices: [
        {
          invoiceId: 'I-1',
          amount: '120000',
          issuedOn: '2026-01-02',
          dueOn: '2026-02-01',
          paid: '20000',
          credited: '0',
          writtenOff: '0',
          outstanding: '100000',
          disputed: false,
          settlements: [{ on: '2026-02-10', kind: 'payment', amount: '20000' }],
        },
      ],
      clientResponses: ['2026-02-11T09:00:00.000Z'],
    };
    const decoded = decodeSnapshot(encodeSnapshot(snapshot));
    expect(decoded.state.facts).toEqual(snapshot.state.facts);
    expect(encodeSnapshot(decoded)).toBe(encodeSnapshot(snapshot));
  });

  it('reads the commands back whatever their ids hold, in the order written', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string()), { selector: ([id]) => id }), (entries) => {
        const commands = ImmutableMap(entries);
        const unpacked = unpackCommands(packCommands(commands));
        expect([...unpacked.entries()]).toEqual([...commands.entries()]);
      }),
    );
  });

  it('reads the commands into one map: every read gives the same', () => {
    const decoded = decodeSnapshot(encodeSnapshot(snapshotWith({})));
    const first = decoded.commands;
    expect(first.get('ChargeLateFee:I-1:2026-02')).toBe('b'.repeat(64));
    expect(decoded.commands).toBe(first);
  });

  it('keeps an ordered map ordered', () => {
    const snapshot = snapshotWith({
      disputesRaised: OrderedMap([
        ['z', '1'],
        ['a', '2'],
      ]) as unknown as ImmutableMap<string, string>,
    });
    const decoded = decodeSnapshot(encodeSnapshot(snapshot));
    expect(OrderedMap.isOrderedMap(decoded.state.collections.disputesRaised)).toBe(true);
    expect([...decoded.state.collections.disputesRaised.keys()]).toEqual(['z', 'a']);
  });

  it('refuses a value it cannot read back rather than writing something else', () => {
    const snapshot = snapshotWith({ clientId: DateTime.now() as unknown as string });
    expect(() => encodeSnapshot(snapshot)).toThrow(/cannot encode/);
  });
});
