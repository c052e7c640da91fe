/**
 * Boosting's two hottest loops as small WebAssembly functions, and the memory they work in: the
 * (g, h) histogram kernel and the stable row partition.
 *
 * Why WebAssembly, and why bytes written here: the histogram kernel (per row, per feature: add the
 * row's gradient and hessian to its bin) is most of a gbc fit. In JavaScript every histogram
 * access pays a bounds check and the pair is two separate read-add-writes; in WebAssembly the pair
 * is one 128-bit load, one f64x2 add and one store, with no bounds checks. Measured in V8 on the
 * seed's folds: about 2x the JavaScript kernel's speed, with the same doubles added in the same
 * order (bit-identical histograms); the partition, bounds checks gone, takes a fit ~5% faster.
 * The functions are ~150 instructions; a compiler toolchain (clang, AssemblyScript, wabt) for
 * them would be a build dependency larger than they are, so they are assembled here from their
 * opcodes (the WebAssembly binary format, spec section 5).
 *
 * Engines without SIMD get the same histogram loop with two scalar f64 adds (the same results).
 *
 * hist(idx, start, end, gh, codes, rowBytes, hist, full, tail), byte addresses:
 *   for k in [start, end): r = u32 idx[k]; (g, h) = f64 gh[2r], gh[2r + 1];
 *   w = codes + r * rowBytes (the row's codes, four per u32, feature order);
 *   for each of the `full` words: its four codes c add (g, h) to the pair at
 *   hist + 16 * (256 * feature + c); then the `tail` codes of the next word one by one.
 */
import { InternalError } from '../../errors';

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 127;
    n >>>= 7;
    if (n) b |= 128;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 127;
    n >>= 7;
    if ((n === 0 && !(b & 64)) || (n === -1 && b & 64)) {
      out.push(b);
      return out;
    }
    out.push(b | 128);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

// instructions
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const ADD = 0x6a;
const MUL = 0x6c;
const AND = 0x71;
const SHL = 0x74;
const SHR_U = 0x76;
const GE_U = 0x4f;
const loadI32 = (offset = 0) => [0x28, 2, ...uleb(offset)];
const loadU8 = (offset = 0) => [0x2d, 0, ...uleb(offset)];
const loadF64 = (offset = 0) => [0x2b, 3, ...uleb(offset)];
const storeF64 = (offset = 0) => [0x39, 3, ...uleb(offset)];
const F64_ADD = 0xa0;
const loadV128 = (offset = 0) => [0xfd, 0x00, 4, ...uleb(offset)];
const storeV128 = (offset = 0) => [0xfd, 0x0b, 4, ...uleb(offset)];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

// parameters 0-8, then locals
const [IDX, START, STOP, GH, CODES, ROW_BYTES, HIST, FULL, TAIL] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [K, R, W, BASE, Q, V, O] = [9, 10, 11, 12, 13, 14, 15];
const [G, H] = [16, 17];
const GH_PAIR = 18;
/** bytes of one feature's block: 256 bins of a (g, h) pair */
const FEATURE_BYTES = 256 * 16;

/** The module's bytes, the histogram kernel with f64x2 adds (simd) or scalar ones. */
export function kernelBytes(simd: boolean): Uint8Array<ArrayBuffer> {
  // the address of a bin's pair is on the stack: add (g, h) to the pair at that address + offset
  const addPair = (offset: number): number[] =>
    simd
      ? [
          ...set(O),
          ...get(O),
          ...get(O),
          ...loadV128(offset),
          ...get(GH_PAIR),
          ...F64X2_ADD,
          ...storeV128(offset),
        ]
      : [
          ...set(O),
          ...get(O),
          ...get(O),
          ...loadF64(offset),
          ...get(G),
          F64_ADD,
          ...storeF64(offset),
          ...get(O),
          ...get(O),
          ...loadF64(offset + 8),
          ...get(H),
          F64_ADD,
          ...storeF64(offset + 8),
        ];
  // base + 16 * (byte `b` of v)
  const binAddress = (b: number): number[] =>
    b === 0
      ? [...get(BASE), ...get(V), ...i32(255), AND, ...i32(4), SHL, ADD]
      : [...get(BASE), ...get(V), ...i32(8 * b - 4), SHR_U, ...i32(255 << 4), AND, ADD];
  const code = [
    ...get(START),
    ...set(K),
    ...BLOCK,
    ...LOOP,
    ...get(K),
    ...get(STOP),
    GE_U,
    ...brIf(1),
    // r = idx[k]; the row's gradient pair
    ...get(IDX),
    ...get(K),
    ...i32(2),
    SHL,
    ADD,
    ...loadI32(),
    ...set(R),
    ...get(GH),
    ...get(R),
    ...i32(4),
    SHL,
    ADD,
    ...tee(O),
    ...(simd
      ? [...loadV128(), ...set(GH_PAIR)]
      : [...loadF64(), ...set(G), ...get(O), ...loadF64(8), ...set(H)]),
    // w = codes + r * rowBytes
    ...get(CODES),
    ...get(R),
    ...get(ROW_BYTES),
    MUL,
    ADD,
    ...set(W),
    ...get(HIST),
    ...set(BASE),
    // whole words: four features each
    ...i32(0),
    ...set(Q),
    ...BLOCK,
    ...LOOP,
    ...get(Q),
    ...get(FULL),
    GE_U,
    ...brIf(1),
    ...get(W),
    ...loadI32(),
    ...set(V),
    ...binAddress(0),
    ...addPair(0),
    ...binAddress(1),
    ...addPair(FEATURE_BYTES),
    ...binAddress(2),
    ...addPair(2 * FEATURE_BYTES),
    ...binAddress(3),
    ...addPair(3 * FEATURE_BYTES),
    ...get(BASE),
    ...i32(4 * FEATURE_BYTES),
    ADD,
    ...set(BASE),
    ...get(W),
    ...i32(4),
    ADD,
    ...set(W),
    ...get(Q),
    ...i32(1),
    ADD,
    ...set(Q),
    ...br(0),
    END,
    END,
    // the last word's real features, one byte each
    ...i32(0),
    ...set(Q),
    ...BLOCK,
    ...LOOP,
    ...get(Q),
    ...get(TAIL),
    GE_U,
    ...brIf(1),
    ...get(BASE),
    ...get(W),
    ...get(Q),
    ADD,
    ...loadU8(),
    ...i32(4),
    SHL,
    ADD,
    ...addPair(0),
    ...get(BASE),
    ...i32(FEATURE_BYTES),
    ADD,
    ...set(BASE),
    ...get(Q),
    ...i32(1),
    ADD,
    ...set(Q),
    ...br(0),
    END,
    END,
    ...get(K),
    ...i32(1),
    ADD,
    ...set(K),
    ...br(0),
    END,
    END,
    END,
  ];
  const locals = simd
    ? [
        [...uleb(7), I32],
        [...uleb(2), F64],
        [...uleb(1), V128],
      ]
    : [
        [...uleb(7), I32],
        [...uleb(2), F64],
      ];
  const body = [...vec(locals), ...code];
  const part = partitionBody();
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // types: hist (i32 x 9) -> (), partition (i32 x 6) -> i32
    ...section(
      1,
      vec([
        [0x60, ...vec(new Array<number[]>(9).fill([I32])), ...vec([])],
        [0x60, ...vec(new Array<number[]>(6).fill([I32])), ...vec([[I32]])],
      ]),
    ),
    // import env.memory, at least one page
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0), uleb(1)])),
    ...section(
      7,
      vec([
        [...name('hist'), 0x00, ...uleb(0)],
        [...name('partition'), 0x00, ...uleb(1)],
      ]),
    ),
    ...section(
      10,
      vec([
        [...uleb(body.length), ...body],
        [...uleb(part.length), ...part],
      ]),
    ),
  ];
  return new Uint8Array(bytes);
}

/**
 * partition(idx, start, end, column, bin, scratch) -> l: the stable partition of the u32 rows
 * idx[start..end) by u8 column[row] <= bin: those rows to idx[start..l) in order, the others to
 * scratch[0..end - l) in order (the caller copies them back to idx[l..end)).
 */
function partitionBody(): number[] {
  const [IDX_, START_, STOP_, COL, BIN, SCRATCH] = [0, 1, 2, 3, 4, 5];
  const [K_, ROW, RIGHT, L, RR] = [6, 7, 8, 9, 10];
  const SUB = 0x6b;
  const storeI32 = [0x36, 2, 0];
  const code = [
    ...get(START_),
    ...set(K_),
    ...get(START_),
    ...set(L),
    ...BLOCK,
    ...LOOP,
    ...get(K_),
    ...get(STOP_),
    GE_U,
    ...brIf(1),
    ...get(IDX_),
    ...get(K_),
    ...i32(2),
    SHL,
    ADD,
    ...loadI32(),
    ...set(ROW),
    // right = 1 when code > bin: the sign bit of bin - code
    ...get(BIN),
    ...get(COL),
    ...get(ROW),
    ADD,
    ...loadU8(),
    SUB,
    ...i32(31),
    SHR_U,
    ...set(RIGHT),
    // both writes, branch-free; only the advancing cursor keeps its entry
    ...get(IDX_),
    ...get(L),
    ...i32(2),
    SHL,
    ADD,
    ...get(ROW),
    ...storeI32,
    ...get(SCRATCH),
    ...get(RR),
    ...i32(2),
    SHL,
    ADD,
    ...get(ROW),
    ...storeI32,
    ...get(L),
    ...i32(1),
    ...get(RIGHT),
    SUB,
    ADD,
    ...set(L),
    ...get(RR),
    ...get(RIGHT),
    ADD,
    ...set(RR),
    ...get(K_),
    ...i32(1),
    ADD,
    ...set(K_),
    ...br(0),
    END,
    END,
    ...get(L),
    END,
  ];
  return [...vec([[...uleb(5), I32]]), ...code];
}

type PartitionFn = (
  idx: number,
  start: number,
  end: number,
  column: number,
  bin: number,
  scratch: number,
) => number;

type HistFn = (
  idx: number,
  start: number,
  end: number,
  gh: number,
  codes: number,
  rowBytes: number,
  hist: number,
  full: number,
  tail: number,
) => void;

let compiled: WebAssembly.Module | null = null;

function kernelModule(): WebAssembly.Module {
  if (!compiled) {
    const simd = kernelBytes(true);
    compiled = new WebAssembly.Module(WebAssembly.validate(simd) ? simd : kernelBytes(false));
  }
  return compiled;
}

/** The kernels over their own memory of at least `bytes` bytes (grown with `grow`). */
export class BoostKernels {
  readonly memory: WebAssembly.Memory;
  readonly hist: HistFn;
  readonly partition: PartitionFn;

  /** `module`: a build of kernelBytes (tests); by default the f64x2 one where the engine has SIMD */
  constructor(bytes: number, module: WebAssembly.Module = kernelModule()) {
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    const fn = instance.exports.hist;
    if (typeof fn !== 'function') throw new InternalError('boosting kernels: no hist export');
    this.hist = fn as HistFn;
    const part = instance.exports.partition;
    if (typeof part !== 'function') throw new InternalError('boosting kernels: no partition export');
    this.partition = part as PartitionFn;
  }

  /** Grows the memory to at least `bytes` bytes; views of the old buffer are detached. */
  grow(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }
}

/**
 * Kernels of finished fits, kept for the next fit on this thread: a fresh WebAssembly memory is
 * fresh pages, and touching them cost about a tenth of a walk-forward fold's fit in Chromium.
 * A few are kept because fits on one thread can interleave (they yield to the event loop).
 */
const spareKernels: BoostKernels[] = [];
const MAX_SPARE_KERNELS = 2;

/**
 * Kernels over at least `bytes` bytes of memory that reads as all zeros, as a new one's does:
 * a spare one when there is one (grown if needed, then cleared), a new one otherwise.
 * Hand them back with `releaseKernels` when the fit is done with them.
 */
export function acquireKernels(bytes: number): BoostKernels {
  const k = spareKernels.pop();
  if (!k) return new BoostKernels(bytes);
  k.grow(bytes);
  new Uint8Array(k.memory.buffer).fill(0);
  return k;
}

export function releaseKernels(k: BoostKernels): void {
  if (spareKernels.length < MAX_SPARE_KERNELS && !spareKernels.includes(k)) spareKernels.push(k);
}
