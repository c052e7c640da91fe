import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { HistKernel, histKernelBytes } from './wasm-hist';

/** The kernel's contract in plain JavaScript: rows in idx order, features in order, (g, h) added per bin. */
function reference(
  codes: Uint8Array,
  rowBytes: number,
  cols: number,
  idx: Uint32Array,
  gh: Float64Array,
): Float64Array {
  const hist = new Float64Array(cols * 256 * 2);
  for (const r of idx) {
    for (let j = 0; j < cols; j++) {
      const o = (j * 256 + codes[r * rowBytes + j]) * 2;
      hist[o] += gh[2 * r];
      hist[o + 1] += gh[2 * r + 1];
    }
  }
  return hist;
}

describe('histogram kernel (WebAssembly)', () => {
  it('both builds (f64x2 and scalar) add exactly what the plain loop adds, for 1 to 9 features', () => {
    const rng = createRng(21);
    const rows = 500;
    expect(WebAssembly.validate(histKernelBytes(true))).toBe(true);
    expect(WebAssembly.validate(histKernelBytes(false))).toBe(true);
    for (const cols of [1, 3, 4, 5, 9]) {
      const rowBytes = Math.ceil(cols / 4) * 4;
      const codes = new Uint8Array(rows * rowBytes);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < cols; j++) codes[r * rowBytes + j] = Math.floor(rng.next() * 256);
      const gh = Float64Array.from({ length: 2 * rows }, () => rng.normal());
      // a subset of rows, in increasing order, as a node's rows are
      const idx = Uint32Array.from(Array.from({ length: rows }, (_, i) => i).filter(() => rng.next() < 0.7));
      const want = reference(codes, rowBytes, cols, idx, gh);
      for (const simd of [true, false]) {
        const idxAt = 0;
        const ghAt = 16 * Math.ceil((4 * rows) / 16);
        const codesAt = ghAt + 16 * rows;
        const histAt = codesAt + 16 * Math.ceil((rows * rowBytes) / 16);
        const kernel = new HistKernel(
          histAt + cols * 256 * 16,
          new WebAssembly.Module(histKernelBytes(simd)),
        );
        const mem = kernel.memory.buffer;
        new Uint32Array(mem, idxAt, idx.length).set(idx);
        new Float64Array(mem, ghAt, 2 * rows).set(gh);
        new Uint8Array(mem, codesAt, codes.length).set(codes);
        // two calls over halves of the rows add up like one over all of them
        const half = idx.length >> 1;
        kernel.hist(idxAt, 0, half, ghAt, codesAt, rowBytes, histAt, cols >> 2, cols & 3);
        kernel.hist(idxAt, half, idx.length, ghAt, codesAt, rowBytes, histAt, cols >> 2, cols & 3);
        expect(Array.from(new Float64Array(mem, histAt, want.length))).toEqual(Array.from(want));
      }
    }
  });

  it('grows its memory on request', () => {
    const kernel = new HistKernel(1000);
    kernel.grow(200_000);
    expect(kernel.memory.buffer.byteLength).toBeGreaterThanOrEqual(200_000);
  });
});
