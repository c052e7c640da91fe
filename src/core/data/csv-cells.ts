/**
 * Reading one CSV cell in place: a number or an ISO date-time parsed straight from the row text
 * between two indexes, without cutting the cell out as a string first. Each result is exactly
 * what `toNumber(cell)` / `parseIsoToMs(cell)` give for the same cell: the fast paths below only
 * take the plain shapes whose result they can compute identically, and hand every other cell to
 * those functions.
 */
import { parseIsoToMs } from './timestamps';

/** The characters String.prototype.trim removes (WhiteSpace and LineTerminator). */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True when text[a, b) holds only trim-space (or nothing). */
export function isBlank(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isTrimSpace(text.charCodeAt(i))) return false;
  return true;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `toNumber(text.slice(a, b))` without the slice for plain decimals: up to 15 significant
 * digits and no exponent fit a double exactly, so digits / 10^k (k <= 22) is one correctly
 * rounded division, the same double Number() returns. Anything else goes to Number().
 */
export function numberAt(text: string, a: number, b: number): number {
  while (a < b && isTrimSpace(text.charCodeAt(a))) a++;
  while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return NaN;
  let i = a;
  let c = text.charCodeAt(i);
  const neg = c === 45;
  if (neg || c === 43) i++;
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < b; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else return Number(text.slice(a, b));
  }
  if (digits === 0 || digits > 15) return Number(text.slice(a, b));
  const v = frac ? m / POW10[frac] : m;
  return neg ? -v : v;
}

function twoDigits(text: string, p: number): number {
  const x = text.charCodeAt(p) - 48;
  const y = text.charCodeAt(p + 1) - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * `parseIsoToMs(text.slice(a, b))` without the slice for `YYYY-MM-DD[( |T)HH:MM[:SS]][Z|±HH[[:]MM]]`;
 * fractions of a second, named zones and spaces before the zone go to parseIsoToMs.
 */
export function isoAt(text: string, a: number, b: number): number {
  while (a < b && isTrimSpace(text.charCodeAt(a))) a++;
  while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--;
  const slow = () => parseIsoToMs(text.slice(a, b));
  if (b - a < 10 || text.charCodeAt(a + 4) !== 45 || text.charCodeAt(a + 7) !== 45) return slow();
  const y1 = twoDigits(text, a);
  const y2 = twoDigits(text, a + 2);
  const mo = twoDigits(text, a + 5);
  const d = twoDigits(text, a + 8);
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0) return slow();
  let h = 0;
  let mi = 0;
  let s = 0;
  let i = a + 10;
  if (i < b) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 84 || c === 116) {
      if (i + 6 > b || text.charCodeAt(i + 3) !== 58) return slow();
      h = twoDigits(text, i + 1);
      mi = twoDigits(text, i + 4);
      if (h < 0 || mi < 0) return slow();
      i += 6;
      if (i < b && text.charCodeAt(i) === 58) {
        if (i + 3 > b) return slow();
        s = twoDigits(text, i + 1);
        if (s < 0) return slow();
        i += 3;
      }
    }
  }
  let offMin = 0;
  if (i < b) {
    const c = text.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === b) offMin = 0;
    else if (c === 43 || c === 45) {
      const rest = b - i - 1;
      const oh = twoDigits(text, i + 1);
      let om = 0;
      if (rest === 4) om = twoDigits(text, i + 3);
      else if (rest === 5 && text.charCodeAt(i + 3) === 58) om = twoDigits(text, i + 4);
      else if (rest !== 2) return slow();
      if (oh < 0 || om < 0) return slow();
      offMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
    } else return slow();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y1 * 100 + y2, mo - 1, d, h, mi, s) - offMin * 60_000;
}
