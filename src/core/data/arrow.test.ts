// int64 columns (timestamps of every unit, Int64, Uint64) convert to the same Numbers as
// Number(bigint) x unit scale, including values beyond 2^53 and negative ones.
import { describe, expect, it } from 'vitest';
import { Int64, makeData, makeVector, TimestampNanosecond, TimestampSecond, Uint64 } from 'apache-arrow';
import { arrowColumn } from './arrow';

const VALUES = [
  0n,
  1n,
  -1n,
  1_700_000_000_000_000_000n,
  -1_234_567_890_123_456_789n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  -(2n ** 63n),
  4_294_967_295n,
  4_294_967_296n,
  -4_294_967_297n,
];

describe('arrowColumn int64', () => {
  it('reads int64 and uint64 as Number(bigint), without a BigInt per value', () => {
    const signed = BigInt64Array.from(VALUES);
    const col = arrowColumn(makeVector(makeData({ type: new Int64(), data: signed })));
    expect(col.kind).toBe('number');
    if (col.kind === 'number') expect([...col.values]).toEqual(VALUES.map((v) => Number(v)));

    const unsigned = BigUint64Array.from(VALUES.map((v) => BigInt.asUintN(64, v)));
    const ucol = arrowColumn(makeVector(makeData({ type: new Uint64(), data: unsigned })));
    if (ucol.kind === 'number') expect([...ucol.values]).toEqual([...unsigned].map((v) => Number(v)));
  });

  it('scales timestamps by their unit, from a slice that does not start at the buffer', () => {
    const ns = BigInt64Array.from([0n, ...VALUES]).subarray(1);
    const col = arrowColumn(makeVector(makeData({ type: new TimestampNanosecond(), data: ns })));
    expect(col.kind).toBe('timestamp');
    if (col.kind === 'timestamp') expect([...col.valuesMs]).toEqual(VALUES.map((v) => Number(v) * 1e-6));
    const s = arrowColumn(
      makeVector(makeData({ type: new TimestampSecond(), data: BigInt64Array.from([1_700_000_000n, -5n]) })),
    );
    if (s.kind === 'timestamp') expect([...s.valuesMs]).toEqual([1_700_000_000_000, -5000]);
  });
});
