/**
 * Boosting's hot loops as small WebAssembly functions, and the memory they work in: the (g, h)
 * histogram kernel, the stable row partition, the leaf assignment of the last split level, the
 * histogram subtraction, the split search over a (g, h) histogram, and the binary log-loss step
 * (leaf update, sigmoid, gradients, their sums and the next tree's root histogram in one pass over
 * the rows).
 *
 * Why WebAssembly, and why bytes written here: the histogram kernel (per row, per feature: add the
 * row's gradient and hessian to its bin) is most of a gbc fit. In JavaScript every histogram
 * access pays a bounds check and the pair is two separate read-add-writes; in WebAssembly the pair
 * is one 128-bit load, one f64x2 add and one store, with no bounds checks. Measured in V8 on the
 * seed's folds: about 2x the JavaScript kernel's speed, with the same doubles added in the same
 * order (bit-identical histograms); the partition, bounds checks gone, takes a fit ~5% faster.
 * Every function does the IEEE double operations of the JavaScript it replaces, in the same order
 * (WebAssembly never fuses or reorders float arithmetic), so the fitted trees are the same doubles.
 * The functions are a few hundred instructions; a compiler toolchain (clang, AssemblyScript, wabt)
 * for them would be a build dependency larger than they are, so they are assembled here from
 * their opcodes (the WebAssembly binary format, spec section 5).
 *
 * Engines without SIMD get the same loops with scalar f64 operations (the same results).
 *
 * hist(idx, start, end, gh, codes, rowBytes, hist, full, tail), byte addresses:
 *   for k in [start, end): r = u32 idx[k]; (g, h) = f64 gh[2r], gh[2r + 1];
 *   w = codes + r * rowBytes (the row's codes, four per u32, feature order);
 *   for each of the `full` words: its four codes c add (g, h) to the pair at
 *   hist + 16 * (256 * feature + c); then the `tail` codes of the next word one by one.
 */
import { InternalError } from '../../errors';
import { HALF_LN2, INV_LN2, LN2_HI, LN2_LO, P1, P2, P3, P4, P5, THREE_HALF_LN2, TINY } from './exp';

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
const SUB = 0x6b;
const MUL = 0x6c;
const AND = 0x71;
const SHL = 0x74;
const SHR_U = 0x76;
const EQZ = 0x45;
const GT_U = 0x4b;
const GE_U = 0x4f;
const loadI32 = (offset = 0) => [0x28, 2, ...uleb(offset)];
const storeI32 = (offset = 0) => [0x36, 2, ...uleb(offset)];
const loadU8 = (offset = 0) => [0x2d, 0, ...uleb(offset)];
const loadF64 = (offset = 0) => [0x2b, 3, ...uleb(offset)];
const storeF64 = (offset = 0) => [0x39, 3, ...uleb(offset)];
/** f64.const: the double's 8 little-endian bytes */
const f64 = (x: number): number[] => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)];
const F64_EQ = 0x61;
const F64_LT = 0x63;
const F64_GT = 0x64;
const F64_LE = 0x65;
const F64_GE = 0x66;
const F64_ABS = 0x99;
const F64_NEG = 0x9a;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const F64_DIV = 0xa3;
const I32_TRUNC_F64_S = 0xaa;
const I64_EXTEND_I32_S = 0xac;
const F64_CONVERT_I32_S = 0xb7;
const F64_REINTERPRET_I64 = 0xbf;
const I64_SHL = 0x86;
const i64 = (n: number) => [0x42, ...sleb(n)];
const SELECT = 0x1b;
const call = (f: number) => [0x10, ...uleb(f)];
const loadV128 = (offset = 0) => [0xfd, 0x00, 4, ...uleb(offset)];
const storeV128 = (offset = 0) => [0xfd, 0x0b, 4, ...uleb(offset)];
const F64X2_SPLAT = [0xfd, 0x14];
const f64x2Extract = (lane: number) => [0xfd, 0x21, lane];
const f64x2Replace = (lane: number) => [0xfd, 0x22, lane];
/** i8x16.shuffle taking lane `a` of the first f64x2 and lane `b` of the second */
const shuffleF64 = (a: number, b: number) => [
  0xfd,
  0x0d,
  ...Array.from({ length: 8 }, (_, i) => 8 * a + i),
  ...Array.from({ length: 8 }, (_, i) => 16 + 8 * b + i),
];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_SUB = [0xfd, 0xf1, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];
const F64X2_DIV = [0xfd, 0xf3, 0x01];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = 0x05;
const END = 0x0b;
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];

/** bytes of one feature's block: 256 bins of a (g, h) pair */
const FEATURE_BYTES = 256 * 16;

/** Function indices: the imported Math.exp first, then the module's functions in this order. */
const EXP_IMPORT = 0;
const FUNCTIONS = ['hist', 'partition', 'step', 'split', 'assign', 'exp', 'subtract'] as const;

/** Locals of the row-to-bins code shared by hist and step. */
interface RowLocals {
  /** the row's codes (byte address), advanced word by word */
  w: number;
  /** the current feature's histogram block (byte address) */
  base: number;
  q: number;
  v: number;
  o: number;
  /** the pair as one f64x2 (simd) or as two f64 */
  pair: number;
  g: number;
  h: number;
  full: number;
  tail: number;
}

/**
 * Adds the row's (g, h) to its bin of every feature, from the row's codes at w: with `cols` known
 * (> 0) one unrolled add per feature, else word by word over `full` words and `tail` bytes.
 */
function rowToBins(simd: boolean, L: RowLocals, cols: number): number[] {
  // the address of a bin's pair is on the stack: add (g, h) to the pair at that address + offset
  const addPair = (offset: number): number[] =>
    simd
      ? [
          ...set(L.o),
          ...get(L.o),
          ...get(L.o),
          ...loadV128(offset),
          ...get(L.pair),
          ...F64X2_ADD,
          ...storeV128(offset),
        ]
      : [
          ...set(L.o),
          ...get(L.o),
          ...get(L.o),
          ...loadF64(offset),
          ...get(L.g),
          F64_ADD,
          ...storeF64(offset),
          ...get(L.o),
          ...get(L.o),
          ...loadF64(offset + 8),
          ...get(L.h),
          F64_ADD,
          ...storeF64(offset + 8),
        ];
  if (cols > 0)
    return Array.from({ length: cols }, (_, j) => [
      ...get(L.base),
      ...get(L.w),
      ...loadU8(j),
      ...i32(4),
      SHL,
      ADD,
      ...addPair(j * FEATURE_BYTES),
    ]).flat();
  // base + 16 * (byte `b` of v)
  const binAddress = (b: number): number[] =>
    b === 0
      ? [...get(L.base), ...get(L.v), ...i32(255), AND, ...i32(4), SHL, ADD]
      : [...get(L.base), ...get(L.v), ...i32(8 * b - 4), SHR_U, ...i32(255 << 4), AND, ADD];
  return [
    // whole words: four features each
    ...i32(0),
    ...set(L.q),
    ...BLOCK,
    ...LOOP,
    ...get(L.q),
    ...get(L.full),
    GE_U,
    ...brIf(1),
    ...get(L.w),
    ...loadI32(),
    ...set(L.v),
    ...binAddress(0),
    ...addPair(0),
    ...binAddress(1),
    ...addPair(FEATURE_BYTES),
    ...binAddress(2),
    ...addPair(2 * FEATURE_BYTES),
    ...binAddress(3),
    ...addPair(3 * FEATURE_BYTES),
    ...get(L.base),
    ...i32(4 * FEATURE_BYTES),
    ADD,
    ...set(L.base),
    ...get(L.w),
    ...i32(4),
    ADD,
    ...set(L.w),
    ...get(L.q),
    ...i32(1),
    ADD,
    ...set(L.q),
    ...br(0),
    END,
    END,
    // the last word's real features, one byte each
    ...i32(0),
    ...set(L.q),
    ...BLOCK,
    ...LOOP,
    ...get(L.q),
    ...get(L.tail),
    GE_U,
    ...brIf(1),
    ...get(L.base),
    ...get(L.w),
    ...get(L.q),
    ADD,
    ...loadU8(),
    ...i32(4),
    SHL,
    ADD,
    ...addPair(0),
    ...get(L.base),
    ...i32(FEATURE_BYTES),
    ADD,
    ...set(L.base),
    ...get(L.q),
    ...i32(1),
    ADD,
    ...set(L.q),
    ...br(0),
    END,
    END,
  ];
}

/** Local declarations: counts of i32, f64 and v128 locals after the parameters. */
const localDecls = (i32s: number, f64s: number, v128s: number): number[] =>
  vec(
    [
      [i32s, I32],
      [f64s, F64],
      [v128s, V128],
    ]
      .filter(([count]) => count > 0)
      .map(([count, type]) => [...uleb(count), type]),
  );

function histBody(simd: boolean, cols: number): number[] {
  // parameters 0-8, then locals
  const [IDX, START, STOP, GH, CODES, ROW_BYTES, HIST, FULL, TAIL] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [K, R, W, BASE, Q, V, O] = [9, 10, 11, 12, 13, 14, 15];
  const [G, H] = [16, 17];
  const PAIR = 18;
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
      ? [...loadV128(), ...set(PAIR)]
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
    ...rowToBins(
      simd,
      {
        w: W,
        base: BASE,
        q: Q,
        v: V,
        o: O,
        pair: PAIR,
        g: G,
        h: H,
        full: FULL,
        tail: TAIL,
      },
      cols,
    ),
    ...get(K),
    ...i32(1),
    ADD,
    ...set(K),
    ...br(0),
    END,
    END,
    END,
  ];
  return [...localDecls(7, 2, simd ? 1 : 0), ...code];
}

/**
 * out = e^x: exp.ts's port of fdlibm's exp, operation for operation (so Math.exp's double in V8);
 * |x| > 708 and NaN call the imported Math.exp. x is read, out and the scratch locals written.
 */
function expInline(
  x: number,
  out: number,
  L: { ax: number; k: number; hi: number; lo: number; r: number; t: number; c: number },
): number[] {
  return [
    ...BLOCK,
    ...get(x),
    F64_ABS,
    ...tee(L.ax),
    ...f64(708),
    F64_LE,
    EQZ,
    ...IF,
    ...get(x),
    ...call(EXP_IMPORT),
    ...set(out),
    ...br(1),
    END,
    ...i32(0),
    ...set(L.k),
    ...f64(0),
    ...set(L.hi),
    ...f64(0),
    ...set(L.lo),
    ...get(x),
    ...set(L.r),
    ...get(L.ax),
    ...f64(HALF_LN2),
    F64_GE,
    ...IF,
    ...get(L.ax),
    ...f64(THREE_HALF_LN2),
    F64_LT,
    ...IF,
    // fdlibm as V8 has it: exp(1) is E exactly
    ...get(x),
    ...f64(1),
    F64_EQ,
    ...IF,
    ...f64(Math.E),
    ...set(out),
    ...br(3),
    END,
    ...get(x),
    ...f64(0),
    F64_LT,
    ...IF,
    ...get(x),
    ...f64(LN2_HI),
    F64_ADD,
    ...set(L.hi),
    ...f64(-LN2_LO),
    ...set(L.lo),
    ...i32(-1),
    ...set(L.k),
    ELSE,
    ...get(x),
    ...f64(LN2_HI),
    F64_SUB,
    ...set(L.hi),
    ...f64(LN2_LO),
    ...set(L.lo),
    ...i32(1),
    ...set(L.k),
    END,
    ELSE,
    // k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0
    ...f64(INV_LN2),
    ...get(x),
    F64_MUL,
    ...f64(-0.5),
    ...f64(0.5),
    ...get(x),
    ...f64(0),
    F64_LT,
    SELECT,
    F64_ADD,
    I32_TRUNC_F64_S,
    ...set(L.k),
    ...get(x),
    ...get(L.k),
    F64_CONVERT_I32_S,
    ...f64(LN2_HI),
    F64_MUL,
    F64_SUB,
    ...set(L.hi),
    ...get(L.k),
    F64_CONVERT_I32_S,
    ...f64(LN2_LO),
    F64_MUL,
    ...set(L.lo),
    END,
    ...get(L.hi),
    ...get(L.lo),
    F64_SUB,
    ...set(L.r),
    ELSE,
    ...get(L.ax),
    ...f64(TINY),
    F64_LT,
    ...IF,
    ...f64(1),
    ...get(x),
    F64_ADD,
    ...set(out),
    ...br(2),
    END,
    END,
    // t = r * r; c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
    ...get(L.r),
    ...get(L.r),
    F64_MUL,
    ...set(L.t),
    ...get(L.r),
    ...get(L.t),
    ...f64(P1),
    ...get(L.t),
    ...f64(P2),
    ...get(L.t),
    ...f64(P3),
    ...get(L.t),
    ...f64(P4),
    ...get(L.t),
    ...f64(P5),
    F64_MUL,
    F64_ADD,
    F64_MUL,
    F64_ADD,
    F64_MUL,
    F64_ADD,
    F64_MUL,
    F64_ADD,
    F64_MUL,
    F64_SUB,
    ...set(L.c),
    // k = 0: 1 - ((r * c) / (c - 2) - r)
    ...get(L.k),
    EQZ,
    ...IF,
    ...f64(1),
    ...get(L.r),
    ...get(L.c),
    F64_MUL,
    ...get(L.c),
    ...f64(2),
    F64_SUB,
    F64_DIV,
    ...get(L.r),
    F64_SUB,
    F64_SUB,
    ...set(out),
    ...br(1),
    END,
    // (1 - (lo - (r * c) / (2 - c) - hi)) * 2^k, 2^k built from its bits (k in [-1022, 1022] here)
    ...f64(1),
    ...get(L.lo),
    ...get(L.r),
    ...get(L.c),
    F64_MUL,
    ...f64(2),
    ...get(L.c),
    F64_SUB,
    F64_DIV,
    F64_SUB,
    ...get(L.hi),
    F64_SUB,
    F64_SUB,
    ...get(L.k),
    ...i32(1023),
    ADD,
    I64_EXTEND_I32_S,
    ...i64(52),
    I64_SHL,
    F64_REINTERPRET_I64,
    F64_MUL,
    ...set(out),
    END,
  ];
}

/** exp(x), the inline code as a function of its own (tests compare it with Math.exp) */
function expBody(): number[] {
  const [X, OUT, AX, R, T, C, HI, LO, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  return [
    // locals: f64 x 7 (out, ax, r, t, c, hi, lo), then i32 k
    ...vec([
      [...uleb(7), F64],
      [...uleb(1), I32],
    ]),
    ...expInline(X, OUT, { ax: AX, k: K, hi: HI, lo: LO, r: R, t: T, c: C }),
    ...get(OUT),
    END,
  ];
}

/**
 * partition(idx, start, end, column, bin, scratch) -> l: the stable partition of the u32 rows
 * idx[start..end) by u8 column[row] <= bin: those rows to idx[start..l) in order, the others to
 * scratch[0..end - l) in order (the caller copies them back to idx[l..end)).
 */
function partitionBody(): number[] {
  const [IDX_, START_, STOP_, COL, BIN, SCRATCH] = [0, 1, 2, 3, 4, 5];
  const [K_, ROW, RIGHT, L, RR] = [6, 7, 8, 9, 10];
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
    ...storeI32(),
    ...get(SCRATCH),
    ...get(RR),
    ...i32(2),
    SHL,
    ADD,
    ...get(ROW),
    ...storeI32(),
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

/**
 * step(n, raw, y, value, gh, idx, codes, rowBytes, hist, full, tail, sums), byte addresses, the
 * binary log-loss pass between two trees: for i in [0, n): r = raw[i] + value[i] (f64, value = the
 * leaf value of row i), raw[i] = r; p = 1 / (1 + exp(-r)); g = p - y[i]; h = p * (1 - p);
 * gh[2i] = g, gh[2i + 1] = h; idx[i] = i; (g, h) added to the row's bins of the histogram at hist
 * (as hist does for row i) when hist >= 0; G += g, H += h; at the end f64 sums[0] = G, sums[1] = H.
 */
function stepBody(simd: boolean, cols: number): number[] {
  const [N, RAW, Y, VALUE, GH, IDX, CODES, ROW_BYTES, HIST, FULL, TAIL, SUMS] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  ];
  // i32 locals
  const [I, OFF, W, BASE, Q, V, O, KK] = [12, 13, 14, 15, 16, 17, 18, 19];
  // f64 locals
  const [R, X, E, P, G, H, SG, SH, AX, HI, LO, RR, T, C] = [
    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
  ];
  const PAIR = 34;
  const code = [
    ...BLOCK,
    ...LOOP,
    ...get(I),
    ...get(N),
    GE_U,
    ...brIf(1),
    // r = raw[i] + value[i]; raw[i] = r
    ...get(I),
    ...i32(3),
    SHL,
    ...set(OFF),
    ...get(RAW),
    ...get(OFF),
    ADD,
    ...tee(O),
    ...get(O),
    ...loadF64(),
    ...get(VALUE),
    ...get(OFF),
    ADD,
    ...loadF64(),
    F64_ADD,
    ...tee(R),
    ...storeF64(),
    ...get(R),
    F64_NEG,
    ...set(X),
    ...expInline(X, E, { ax: AX, k: KK, hi: HI, lo: LO, r: RR, t: T, c: C }),
    // p = 1 / (1 + e); g = p - y[i]; h = p * (1 - p)
    ...f64(1),
    ...f64(1),
    ...get(E),
    F64_ADD,
    F64_DIV,
    ...tee(P),
    ...get(Y),
    ...get(OFF),
    ADD,
    ...loadF64(),
    F64_SUB,
    ...set(G),
    ...get(P),
    ...f64(1),
    ...get(P),
    F64_SUB,
    F64_MUL,
    ...set(H),
    // gh[2i], gh[2i + 1]
    ...get(GH),
    ...get(I),
    ...i32(4),
    SHL,
    ADD,
    ...tee(O),
    ...get(G),
    ...storeF64(),
    ...get(O),
    ...get(H),
    ...storeF64(8),
    // G += g; H += h
    ...get(SG),
    ...get(G),
    F64_ADD,
    ...set(SG),
    ...get(SH),
    ...get(H),
    F64_ADD,
    ...set(SH),
    // idx[i] = i
    ...get(IDX),
    ...get(I),
    ...i32(2),
    SHL,
    ADD,
    ...get(I),
    ...storeI32(),
    // the row's bins of the root histogram, when there is one (hist >= 0)
    ...get(HIST),
    ...i32(0),
    0x4e, // i32.ge_s
    ...IF,
    ...(simd ? [...get(G), ...F64X2_SPLAT, ...get(H), ...f64x2Replace(1), ...set(PAIR)] : []),
    ...get(CODES),
    ...get(I),
    ...get(ROW_BYTES),
    MUL,
    ADD,
    ...set(W),
    ...get(HIST),
    ...set(BASE),
    ...rowToBins(
      simd,
      {
        w: W,
        base: BASE,
        q: Q,
        v: V,
        o: O,
        pair: PAIR,
        g: G,
        h: H,
        full: FULL,
        tail: TAIL,
      },
      cols,
    ),
    END,
    ...get(I),
    ...i32(1),
    ADD,
    ...set(I),
    ...br(0),
    END,
    END,
    ...get(SUMS),
    ...get(SG),
    ...storeF64(),
    ...get(SUMS),
    ...get(SH),
    ...storeF64(8),
    END,
  ];
  return [...localDecls(8, 14, simd ? 1 : 0), ...code];
}

/**
 * split(hist, minus, nBins, cols, G, H, l2, mcw, out) -> feature or -1: the best split "code <= b"
 * over the (g, h) histogram at hist (minus >= 0: that histogram minus the one at minus), the search
 * of grow-boost's findSplitGH: per feature j, prefix sums (GL, HL) over its first i32 nBins[j] bins;
 * a bin with HL < mcw is skipped, the first with H - HL < mcw ends the feature; gain
 * (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - (G * G) / (H + l2); the first strictly largest
 * positive gain wins. Writes f64 gain, GL, HL at out, out + 8, out + 16 and the bin as i32 at out + 24.
 */
function splitBody(simd: boolean): number[] {
  const [HIST, MINUS, NBINS, COLS, G, H, L2, MCW, OUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [J, BASE, O, STOP, D, BEST_F, BEST_O] = [9, 10, 11, 12, 13, 14, 15];
  const [PS, HL, HR, GL, GR, GAIN, BEST, BEST_GL, BEST_HL] = [16, 17, 18, 19, 20, 21, 22, 23, 24];
  // simd: (GL, HL), (G, H), (GR, HR), the pair read, (l2, l2)
  const [GLHL, GHV, GRHR, PAIR, L2V] = [25, 26, 27, 28, 29];
  const withMinus = (sub: boolean): number[] => {
    // the bin's pair (minus the other histogram's) added to the prefix sums
    const read = simd
      ? [
          ...get(GLHL),
          ...get(O),
          ...loadV128(),
          ...(sub ? [...get(O), ...get(D), ADD, ...loadV128(), ...F64X2_SUB] : []),
          ...F64X2_ADD,
          ...tee(GLHL),
          ...f64x2Extract(1),
          ...set(HL),
        ]
      : [
          ...get(GL),
          ...get(O),
          ...loadF64(),
          ...(sub ? [...get(O), ...get(D), ADD, ...loadF64(), F64_SUB] : []),
          F64_ADD,
          ...set(GL),
          ...get(HL),
          ...get(O),
          ...loadF64(8),
          ...(sub ? [...get(O), ...get(D), ADD, ...loadF64(8), F64_SUB] : []),
          F64_ADD,
          ...set(HL),
        ];
    // gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - parentScore, HR = H - HL, GR = G - GL
    const gain = simd
      ? [
          ...get(GHV),
          ...get(GLHL),
          ...F64X2_SUB,
          ...tee(GRHR),
          ...f64x2Extract(1),
          ...tee(HR),
          ...get(MCW),
          F64_LT,
          ...brIf(2),
          // (GL, GR) squared over (HL + l2, HR + l2), lane by lane
          ...get(GLHL),
          ...get(GRHR),
          ...shuffleF64(0, 0),
          ...tee(PAIR),
          ...get(PAIR),
          ...F64X2_MUL,
          ...get(GLHL),
          ...get(GRHR),
          ...shuffleF64(1, 1),
          ...get(L2V),
          ...F64X2_ADD,
          ...F64X2_DIV,
          ...tee(PAIR),
          ...f64x2Extract(0),
          ...get(PAIR),
          ...f64x2Extract(1),
          F64_ADD,
          ...get(PS),
          F64_SUB,
          ...set(GAIN),
        ]
      : [
          ...get(H),
          ...get(HL),
          F64_SUB,
          ...tee(HR),
          ...get(MCW),
          F64_LT,
          ...brIf(2),
          ...get(G),
          ...get(GL),
          F64_SUB,
          ...set(GR),
          ...get(GL),
          ...get(GL),
          F64_MUL,
          ...get(HL),
          ...get(L2),
          F64_ADD,
          F64_DIV,
          ...get(GR),
          ...get(GR),
          F64_MUL,
          ...get(HR),
          ...get(L2),
          F64_ADD,
          F64_DIV,
          F64_ADD,
          ...get(PS),
          F64_SUB,
          ...set(GAIN),
        ];
    return [
      // features
      ...i32(0),
      ...set(J),
      ...BLOCK,
      ...LOOP,
      ...get(J),
      ...get(COLS),
      GE_U,
      ...brIf(1),
      ...get(HIST),
      ...get(J),
      ...i32(12),
      SHL,
      ADD,
      ...tee(BASE),
      ...set(O),
      ...get(BASE),
      ...get(NBINS),
      ...get(J),
      ...i32(2),
      SHL,
      ADD,
      ...loadI32(),
      ...i32(4),
      SHL,
      ADD,
      ...set(STOP),
      ...(simd ? [...f64(0), ...F64X2_SPLAT, ...set(GLHL)] : [...f64(0), ...set(GL), ...f64(0), ...set(HL)]),
      // bins: block 1 ends the feature, block 0 (the body) goes on to the next bin
      ...BLOCK,
      ...LOOP,
      ...get(O),
      ...get(STOP),
      GE_U,
      ...brIf(1),
      ...BLOCK,
      ...read,
      ...get(HL),
      ...get(MCW),
      F64_LT,
      ...brIf(0),
      ...gain,
      ...get(GAIN),
      ...get(BEST),
      F64_GT,
      ...IF,
      ...get(GAIN),
      ...set(BEST),
      ...get(J),
      ...set(BEST_F),
      ...get(O),
      ...get(BASE),
      SUB,
      ...set(BEST_O),
      ...(simd ? [...get(GLHL), ...f64x2Extract(0), ...set(BEST_GL)] : [...get(GL), ...set(BEST_GL)]),
      ...get(HL),
      ...set(BEST_HL),
      END,
      END,
      ...get(O),
      ...i32(16),
      ADD,
      ...set(O),
      ...br(0),
      END,
      END,
      ...get(J),
      ...i32(1),
      ADD,
      ...set(J),
      ...br(0),
      END,
      END,
    ];
  };
  const code = [
    ...i32(-1),
    ...set(BEST_F),
    // parentScore = (G * G) / (H + l2)
    ...get(G),
    ...get(G),
    F64_MUL,
    ...get(H),
    ...get(L2),
    F64_ADD,
    F64_DIV,
    ...set(PS),
    ...(simd
      ? [
          ...get(G),
          ...F64X2_SPLAT,
          ...get(H),
          ...f64x2Replace(1),
          ...set(GHV),
          ...get(L2),
          ...F64X2_SPLAT,
          ...set(L2V),
        ]
      : []),
    ...get(MINUS),
    ...get(HIST),
    SUB,
    ...set(D),
    ...get(MINUS),
    ...i32(0),
    0x48, // i32.lt_s
    ...IF,
    ...withMinus(false),
    ELSE,
    ...withMinus(true),
    END,
    ...get(BEST_F),
    ...i32(0),
    0x4e, // i32.ge_s
    ...IF,
    ...get(OUT),
    ...get(BEST),
    ...storeF64(),
    ...get(OUT),
    ...get(BEST_GL),
    ...storeF64(8),
    ...get(OUT),
    ...get(BEST_HL),
    ...storeF64(16),
    ...get(OUT),
    ...get(BEST_O),
    ...i32(4),
    SHR_U,
    ...storeI32(24),
    END,
    ...get(BEST_F),
    END,
  ];
  return [...localDecls(7, 9, simd ? 5 : 0), ...code];
}

/**
 * subtract(parent, child, bytes): f64 parent[i] -= child[i] over `bytes` bytes (a multiple of 16),
 * the histogram subtraction of the larger child, two doubles at a time (simd) or one by one.
 */
function subtractBody(simd: boolean): number[] {
  const [PARENT, CHILD, BYTES] = [0, 1, 2];
  const O = 3;
  const at = (base: number) => [...get(base), ...get(O), ADD];
  const lanes = simd
    ? [...at(PARENT), ...at(PARENT), ...loadV128(), ...at(CHILD), ...loadV128(), ...F64X2_SUB, ...storeV128()]
    : [0, 8].flatMap((off) => [
        ...at(PARENT),
        ...at(PARENT),
        ...loadF64(off),
        ...at(CHILD),
        ...loadF64(off),
        F64_SUB,
        ...storeF64(off),
      ]);
  return [
    ...localDecls(1, 0, 0),
    ...BLOCK,
    ...LOOP,
    ...get(O),
    ...get(BYTES),
    GE_U,
    ...brIf(1),
    ...lanes,
    ...get(O),
    ...i32(16),
    ADD,
    ...set(O),
    ...br(0),
    END,
    END,
    END,
  ];
}

/**
 * assign(idx, start, end, column, bin, values, vL, vR): for k in [start, end), row = u32 idx[k]:
 * f64 values[row] = u8 column[row] <= bin ? vL : vR (the leaf value of each row of a last-level split).
 */
function assignBody(): number[] {
  const [IDX, START, STOP, COL, BIN, VALUES, VL, VR] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [K, ROW] = [8, 9];
  const code = [
    ...get(START),
    ...set(K),
    ...BLOCK,
    ...LOOP,
    ...get(K),
    ...get(STOP),
    GE_U,
    ...brIf(1),
    ...get(IDX),
    ...get(K),
    ...i32(2),
    SHL,
    ADD,
    ...loadI32(),
    ...set(ROW),
    ...get(VALUES),
    ...get(ROW),
    ...i32(3),
    SHL,
    ADD,
    ...get(VR),
    ...get(VL),
    ...get(COL),
    ...get(ROW),
    ADD,
    ...loadU8(),
    ...get(BIN),
    GT_U,
    SELECT,
    ...storeF64(),
    ...get(K),
    ...i32(1),
    ADD,
    ...set(K),
    ...br(0),
    END,
    END,
    END,
  ];
  return [...localDecls(2, 0, 0), ...code];
}

/**
 * The module's bytes: every function, with f64x2 operations (simd) or scalar ones; with `cols` > 0
 * hist and step add a row's features in one unrolled run for that many features (their `full` and
 * `tail` arguments unused), else in a loop over `full` words and `tail` bytes.
 */
export function kernelBytes(simd: boolean, cols = 0): Uint8Array<ArrayBuffer> {
  const fn = (params: number[], results: number[]): number[] => [
    0x60,
    ...vec(params.map((t) => [t])),
    ...vec(results.map((t) => [t])),
  ];
  const i32s = (n: number): number[] => new Array<number>(n).fill(I32);
  const types = [
    fn([F64], [F64]), // 0: the imported Math.exp, and exp
    fn(i32s(9), []), // 1: hist
    fn(i32s(6), [I32]), // 2: partition
    fn(i32s(12), []), // 3: step
    fn([I32, I32, I32, I32, F64, F64, F64, F64, I32], [I32]), // 4: split
    fn([...i32s(6), F64, F64], []), // 5: assign
    fn(i32s(3), []), // 6: subtract
  ];
  const bodies = [
    histBody(simd, cols),
    partitionBody(),
    stepBody(simd, cols),
    splitBody(simd),
    assignBody(),
    expBody(),
    subtractBody(simd),
  ];
  const typeOf = [1, 2, 3, 4, 5, 0, 6];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    // imports: env.memory (at least one page), env.exp (Math.exp)
    ...section(
      2,
      vec([
        [...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)],
        [...name('env'), ...name('exp'), 0x00, ...uleb(0)],
      ]),
    ),
    ...section(3, vec(typeOf.map((t) => uleb(t)))),
    ...section(7, vec(FUNCTIONS.map((f, i) => [...name(f), 0x00, ...uleb(EXP_IMPORT + 1 + i)]))),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ];
  return new Uint8Array(bytes);
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

type StepFn = (
  n: number,
  raw: number,
  y: number,
  value: number,
  gh: number,
  idx: number,
  codes: number,
  rowBytes: number,
  hist: number,
  full: number,
  tail: number,
  sums: number,
) => void;

type SplitFn = (
  hist: number,
  minus: number,
  nBins: number,
  cols: number,
  G: number,
  H: number,
  l2: number,
  mcw: number,
  out: number,
) => number;

type AssignFn = (
  idx: number,
  start: number,
  end: number,
  column: number,
  bin: number,
  values: number,
  vL: number,
  vR: number,
) => void;

/** Features up to which the row-to-bins code is unrolled (a module per feature count) */
const MAX_UNROLLED_COLS = 256;
const compiled = new Map<number, WebAssembly.Module>();
let simdValid: boolean | null = null;

/** The module for `cols` features (0: the looped build for any count), f64x2 where the engine has SIMD. */
export function kernelModule(cols = 0): WebAssembly.Module {
  const key = cols <= MAX_UNROLLED_COLS ? cols : 0;
  let m = compiled.get(key);
  if (!m) {
    simdValid ??= WebAssembly.validate(kernelBytes(true));
    m = new WebAssembly.Module(kernelBytes(simdValid, key));
    compiled.set(key, m);
  }
  return m;
}

/** The kernels over their own memory of at least `bytes` bytes (grown with `grow`). */
export class BoostKernels {
  readonly memory: WebAssembly.Memory;
  readonly hist: HistFn;
  readonly partition: PartitionFn;
  readonly step: StepFn;
  readonly split: SplitFn;
  readonly assign: AssignFn;
  readonly subtract: (parent: number, child: number, bytes: number) => void;
  /** e^x as the step computes it (tests) */
  readonly exp: (x: number) => number;

  /**
   * `module`: a build of kernelBytes (by default the looped one); `memory`: the memory to work in
   * (a new one of at least `bytes` bytes by default)
   */
  constructor(
    bytes: number,
    module: WebAssembly.Module = kernelModule(),
    memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) }),
  ) {
    this.memory = memory;
    const instance = new WebAssembly.Instance(module, { env: { memory, exp: Math.exp } });
    const fn = (f: (typeof FUNCTIONS)[number]) => {
      const e = instance.exports[f];
      if (typeof e !== 'function') throw new InternalError(`boosting kernels: no ${f} export`);
      return e;
    };
    this.hist = fn('hist') as HistFn;
    this.partition = fn('partition') as PartitionFn;
    this.step = fn('step') as StepFn;
    this.split = fn('split') as SplitFn;
    this.assign = fn('assign') as AssignFn;
    this.exp = fn('exp') as (x: number) => number;
    this.subtract = fn('subtract') as (parent: number, child: number, bytes: number) => void;
  }

  /** Grows the memory to at least `bytes` bytes; views of the old buffer are detached. */
  grow(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }
}

/**
 * Memories of finished fits, kept for the next fit on this thread: a fresh WebAssembly memory is
 * fresh pages, and touching them cost about a tenth of a walk-forward fold's fit in Chromium.
 * A few are kept because fits on one thread can interleave (they yield to the event loop).
 */
const spareMemories: WebAssembly.Memory[] = [];
const MAX_SPARE_MEMORIES = 2;

/**
 * Kernels for `cols` features over at least `bytes` bytes of memory that reads as all zeros, as a
 * new one's does: a spare memory when there is one (grown if needed, then cleared), a new one
 * otherwise. Hand them back with `releaseKernels` when the fit is done with them.
 */
export function acquireKernels(bytes: number, cols = 0): BoostKernels {
  const memory = spareMemories.pop();
  const k = new BoostKernels(bytes, kernelModule(cols), memory);
  if (memory) {
    k.grow(bytes);
    new Uint8Array(memory.buffer).fill(0);
  }
  return k;
}

export function releaseKernels(k: BoostKernels): void {
  if (spareMemories.length < MAX_SPARE_MEMORIES && !spareMemories.includes(k.memory))
    spareMemories.push(k.memory);
}
