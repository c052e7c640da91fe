import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { BoostKernels, kernelBytes } from './wasm-kernels';

/** the f64x2 and the scalar build, each looped (any feature count) and unrolled for `cols` features */
const buildsFor = (cols: number) =>
  [true, false].flatMap((simd) =>
    [0, cols].map((unrolled) => ({ simd, module: new WebAssembly.Module(kernelBytes(simd, unrolled)) })),
  );
const builds = buildsFor(7);

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
  it('every build (f64x2 and scalar, looped and unrolled) adds exactly what the plain loop adds, for 1 to 9 features', () => {
    const rng = createRng(21);
    const rows = 500;
    expect(WebAssembly.validate(kernelBytes(true))).toBe(true);
    expect(WebAssembly.validate(kernelBytes(false))).toBe(true);
    for (const cols of [1, 3, 4, 5, 9]) {
      const rowBytes = Math.ceil(cols / 4) * 4;
      const codes = new Uint8Array(rows * rowBytes);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < cols; j++) codes[r * rowBytes + j] = Math.floor(rng.next() * 256);
      const gh = Float64Array.from({ length: 2 * rows }, () => rng.normal());
      // a subset of rows, in increasing order, as a node's rows are
      const idx = Uint32Array.from(Array.from({ length: rows }, (_, i) => i).filter(() => rng.next() < 0.7));
      const want = reference(codes, rowBytes, cols, idx, gh);
      for (const { module } of buildsFor(cols)) {
        const idxAt = 0;
        const ghAt = 16 * Math.ceil((4 * rows) / 16);
        const codesAt = ghAt + 16 * rows;
        const histAt = codesAt + 16 * Math.ceil((rows * rowBytes) / 16);
        const kernel = new BoostKernels(histAt + cols * 256 * 16, module);
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

  it('partitions rows stably by code <= bin, the rest after them in order', () => {
    const rng = createRng(22);
    const rows = 300;
    const column = Uint8Array.from({ length: rows }, () => Math.floor(rng.next() * 256));
    const kernels = new BoostKernels(4 * rows * 2 + rows + 64);
    const mem = kernels.memory.buffer;
    const [idxAt, scratchAt, colAt] = [0, 4 * rows, 8 * rows];
    new Uint8Array(mem, colAt, rows).set(column);
    for (const bin of [0, 17, 128, 254, 255]) {
      const idx = new Uint32Array(mem, idxAt, rows);
      for (let i = 0; i < rows; i++) idx[i] = (i * 7) % rows;
      const before = Array.from(idx);
      const [start, end] = [10, 290];
      const l = kernels.partition(idxAt, start, end, colAt, bin, scratchAt);
      const range = before.slice(start, end);
      const left = range.filter((r) => column[r] <= bin);
      const right = range.filter((r) => column[r] > bin);
      expect(l).toBe(start + left.length);
      expect(Array.from(idx.subarray(start, l))).toEqual(left);
      expect(Array.from(new Uint32Array(mem, scratchAt, right.length))).toEqual(right);
      // outside the range nothing moves
      expect(Array.from(idx.subarray(0, start))).toEqual(before.slice(0, start));
      expect(Array.from(idx.subarray(end))).toEqual(before.slice(end));
    }
  });

  it("exp (the step's e^x) returns Math.exp's double, bit for bit, in every build", () => {
    const rng = createRng(31);
    const args = [0, -0, 1, -1, 0.5, Math.LN2 / 2, Math.LN2 * 1.5, 708, -708, 709, -745, 1e-300, -1e-9];
    args.push(2 ** -28, -(2 ** -28), 2 ** -29, Infinity, -Infinity, NaN);
    for (let i = 0; i < 100_000; i++) args.push((rng.next() - 0.5) * 40);
    for (let i = 0; i < 25_000; i++) args.push((rng.next() - 0.5) * 3, (rng.next() - 0.5) * 1500);
    for (const { module } of builds) {
      const { exp } = new BoostKernels(65536, module);
      let mismatches = 0;
      for (const x of args) if (!Object.is(exp(x), Math.exp(x))) mismatches++;
      expect(mismatches).toBe(0);
    }
  });

  it('step: the leaf update, sigmoid gradients, their sums and the root histogram of the plain loops, in every build', () => {
    const rng = createRng(23);
    const rows = 700;
    const cols = 7;
    const rowBytes = 8;
    const codes = Uint8Array.from({ length: rows * rowBytes }, () => Math.floor(rng.next() * 256));
    // raw scores across exp's branches, past +-708 (Math.exp itself), and at its special points
    const raw = Float64Array.from({ length: rows }, (_, i) =>
      i % 50 === 0 ? (rng.next() - 0.5) * 2000 : (rng.next() - 0.5) * 6,
    );
    const value = Float64Array.from({ length: rows }, () => (rng.next() - 0.5) * 0.2);
    for (const [i, r] of [
      [5, -1],
      [8, 1e-20],
      [11, 0],
      [12, -0],
      [16, Math.LN2 / 2],
      [17, -Math.LN2 * 1.5],
    ]) {
      raw[i] = r;
      value[i] = 0;
    }
    const y = Float64Array.from({ length: rows }, () => (rng.next() < 0.5 ? 1 : 0));
    for (const n of [rows, rows - 1]) {
      const wantRaw = new Float64Array(n);
      const wantGh = new Float64Array(2 * n);
      let G = 0;
      let H = 0;
      for (let i = 0; i < n; i++) {
        const r = raw[i] + value[i];
        wantRaw[i] = r;
        const p = 1 / (1 + Math.exp(-r));
        wantGh[2 * i] = p - y[i];
        wantGh[2 * i + 1] = p * (1 - p);
        G += p - y[i];
        H += p * (1 - p);
      }
      const all = Uint32Array.from({ length: n }, (_, i) => i);
      const wantHist = reference(codes, rowBytes, cols, all, wantGh);
      for (const { module } of builds) {
        const [rawAt, yAt, valueAt, ghAt, idxAt, codesAt, sumsAt] = [0, 8, 16, 24, 40, 44, 52].map(
          (k) => k * rows,
        );
        const histAt = sumsAt + 16;
        const kernel = new BoostKernels(histAt + 2 * 256 * 4 * 16, module);
        const mem = kernel.memory.buffer;
        new Float64Array(mem, rawAt, rows).set(raw);
        new Float64Array(mem, yAt, rows).set(y);
        new Float64Array(mem, valueAt, rows).set(value);
        new Uint8Array(mem, codesAt, codes.length).set(codes);
        const [full, tail] = [cols >> 2, cols & 3];
        kernel.step(n, rawAt, yAt, valueAt, ghAt, idxAt, codesAt, rowBytes, histAt, full, tail, sumsAt);
        expect(Array.from(new Float64Array(mem, rawAt, n))).toEqual(Array.from(wantRaw));
        expect(Array.from(new Float64Array(mem, ghAt, 2 * n))).toEqual(Array.from(wantGh));
        expect(Array.from(new Uint32Array(mem, idxAt, n))).toEqual(Array.from(all));
        expect(Array.from(new Float64Array(mem, sumsAt, 2))).toEqual([G, H]);
        expect(Array.from(new Float64Array(mem, histAt, wantHist.length))).toEqual(Array.from(wantHist));
      }
    }
  });

  it('split: the search of the plain loop over a histogram and over a difference of two, in every build', () => {
    const rng = createRng(24);
    const cols = 6;
    const nBins = Int32Array.from({ length: cols }, (_, j) => [255, 2, 40, 255, 1, 17][j]);
    const parent = new Float64Array(cols * 512);
    const child = new Float64Array(cols * 512);
    for (let j = 0; j < cols; j++)
      for (let b = 0; b < 256; b++) {
        const o = j * 512 + 2 * b;
        // sparse bins, some hessians tiny: the mcw skips and stops both happen
        if (rng.next() < 0.3) continue;
        const h = rng.next() < 0.1 ? 1e-5 : rng.next() * 0.25;
        parent[o] = (rng.next() - 0.5) * h * 4;
        parent[o + 1] = h;
        if (rng.next() < 0.5) {
          child[o] = parent[o] * rng.next();
          child[o + 1] = parent[o + 1] * rng.next();
        }
      }
    /** findSplitGH of grow-boost.ts */
    const search = (
      hist: Float64Array,
      minus: Float64Array | null,
      G: number,
      H: number,
      l2: number,
      mcw: number,
    ) => {
      const ps = (G * G) / (H + l2);
      let best = { gain: 0, feature: -1, bin: 0, GL: 0, HL: 0 };
      for (let j = 0; j < cols; j++) {
        let GL = 0;
        let HL = 0;
        for (let b = 0; b < nBins[j]; b++) {
          const o = j * 512 + 2 * b;
          GL += minus ? hist[o] - minus[o] : hist[o];
          HL += minus ? hist[o + 1] - minus[o + 1] : hist[o + 1];
          if (HL < mcw) continue;
          const HR = H - HL;
          if (HR < mcw) break;
          const GR = G - GL;
          const gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - ps;
          if (gain > best.gain) best = { gain, feature: j, bin: b, GL, HL };
        }
      }
      return best;
    };
    for (const { module } of builds) {
      const [nBinsAt, outAt, parentAt, childAt] = [0, 64, 128, 128 + cols * 4096];
      const kernel = new BoostKernels(childAt + cols * 4096, module);
      const mem = kernel.memory.buffer;
      new Int32Array(mem, nBinsAt, cols).set(nBins);
      new Float64Array(mem, parentAt, parent.length).set(parent);
      new Float64Array(mem, childAt, child.length).set(child);
      let found = 0;
      for (const [l2, mcw] of [
        [0, 1e-3],
        [1, 0.5],
        [0.1, 3],
        [0, 1e9],
      ]) {
        for (const minus of [false, true]) {
          let G = 0;
          let H = 0;
          for (let j = 0; j < 1; j++)
            for (let b = 0; b < 256; b++) {
              G += parent[2 * b] - (minus ? child[2 * b] : 0);
              H += parent[2 * b + 1] - (minus ? child[2 * b + 1] : 0);
            }
          const want = search(parent, minus ? child : null, G, H, l2, mcw);
          const f = kernel.split(parentAt, minus ? childAt : -1, nBinsAt, cols, G, H, l2, mcw, outAt);
          expect(f).toBe(want.feature);
          if (f < 0) continue;
          found++;
          const out = new Float64Array(mem, outAt, 3);
          expect([out[0], out[1], out[2], new Int32Array(mem, outAt + 24, 1)[0]]).toEqual([
            want.gain,
            want.GL,
            want.HL,
            want.bin,
          ]);
        }
      }
      expect(found).toBeGreaterThanOrEqual(4);
    }
  });

  it('assign: each row of the range gets the left or right value by code <= bin', () => {
    const rng = createRng(25);
    const rows = 300;
    const column = Uint8Array.from({ length: rows }, () => Math.floor(rng.next() * 256));
    for (const { module } of builds) {
      const [idxAt, valuesAt, colAt] = [0, 4 * rows, 12 * rows];
      const kernel = new BoostKernels(13 * rows, module);
      const mem = kernel.memory.buffer;
      new Uint8Array(mem, colAt, rows).set(column);
      const idx = new Uint32Array(mem, idxAt, rows);
      for (let i = 0; i < rows; i++) idx[i] = (i * 7) % rows;
      const values = new Float64Array(mem, valuesAt, rows).fill(NaN);
      kernel.assign(idxAt, 10, 290, colAt, 100, valuesAt, -0.25, 0.5);
      for (let k = 0; k < rows; k++) {
        const r = idx[k];
        expect(values[r]).toBe(k < 10 || k >= 290 ? NaN : column[r] <= 100 ? -0.25 : 0.5);
      }
    }
  });

  it('subtract: parent -= child, double by double, in every build', () => {
    const rng = createRng(26);
    const len = 3 * 256 * 2;
    const parent = Float64Array.from({ length: len }, () => rng.normal());
    const child = Float64Array.from({ length: len }, () => rng.normal() * 0.5);
    for (const { module } of builds) {
      const kernel = new BoostKernels(16 * len + 64, module);
      const mem = kernel.memory.buffer;
      const [parentAt, childAt] = [0, 8 * len];
      new Float64Array(mem, parentAt, len).set(parent);
      new Float64Array(mem, childAt, len).set(child);
      // the last 16 bytes stay as they were
      kernel.subtract(parentAt, childAt, 8 * len - 16);
      const want = Array.from(parent, (p, i) => (i < len - 2 ? p - child[i] : p));
      expect(Array.from(new Float64Array(mem, parentAt, len))).toEqual(want);
    }
  });

  it('grows its memory on request', () => {
    const kernel = new BoostKernels(1000);
    kernel.grow(200_000);
    expect(kernel.memory.buffer.byteLength).toBeGreaterThanOrEqual(200_000);
  });
});
