#!/usr/bin/env node
/**
 * A local kline replay server for tests and demos (no internet, nothing outside the repo): it
 * serves the sample the repo ships (public/sample/.../train-00000-of-00001.parquet, decoded with
 * parquet-wasm's Node build) in an exchange's kline shape, and reveals one more closed bar per
 * tick of its own clock.
 *
 *   GET  /api/v3/time                                     { serverTime } (the replay clock)
 *   GET  /api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=&endTime=&limit=
 *        rows [open time, "open", "high", "low", "close", "volume", close time, "quote volume",
 *        trades, "taker base", "taker quote", "0"] of the bars closed by the clock (limit <= 1000)
 *   OPTIONS *                                             CORS preflight
 *   test-only:
 *   POST /__replay/clock  {index} | {time}               the last closed bar is bar `index` (or the one at `time`)
 *   POST /__replay/tick   {bars?}                        reveal the next bar(s) (default 1)
 *   GET  /__replay/state                                 { index, lastClosed, serverTime, bars, faults }
 *   POST /__replay/fault  {mode, times?, ms?, retryAfter?, status?}
 *        mode: timeout (no answer for `ms`), 429 (with Retry-After), 5xx (status, default 503),
 *        malformed (a row with a price "abc"), duplicate (every row twice), out-of-order
 *        (rows reversed), forming (the forming bar appended, close time in the future), gap
 *        (the bar opening at `time` is missing)
 *   POST /__replay/reset                                 clear faults and the request log
 *   GET  /__replay/requests                              the request log (path + query)
 *
 * The clock stands 10 minutes into the bar after the last closed one. With --tick-ms the clock
 * advances one bar every that many milliseconds by itself (demos, e2e).
 *
 * CLI: node e2e/replay-server/server.mjs [--port 5175] [--host 127.0.0.1] [--start -720]
 *        [--tick-ms 0]   (start: the index of the last closed bar; negative counts from the end)
 */
import { sampleColumns } from '../mock-hub/sample-csv.mjs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_PARQUET = path.resolve(
  here,
  '../../public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet',
);
const HOUR = 3_600_000;

/** The sample's bars per exchange symbol (BTC/USDT -> BTCUSDT), in time order. */
export function sampleKlines(parquetPath = SAMPLE_PARQUET) {
  const { rows, time, symbol, open, high, low, close, volume } = sampleColumns(parquetPath);
  const out = new Map();
  for (let i = 0; i < rows; i++) {
    const s = String(symbol[i]).replace('/', '');
    let rows = out.get(s);
    if (!rows) out.set(s, (rows = []));
    rows.push([Number(time[i]), open[i], high[i], low[i], close[i], volume[i]]);
  }
  for (const rows of out.values()) rows.sort((a, b) => a[0] - b[0]);
  return out;
}

function row([t, o, h, l, c, v], closeTime) {
  return [
    t,
    String(o),
    String(h),
    String(l),
    String(c),
    String(v),
    closeTime,
    String(v * c),
    100,
    '0',
    '0',
    '0',
  ];
}

export async function startReplayServer({
  port = 5175,
  host = '127.0.0.1',
  start = -720,
  tickMs = 0,
  log = false,
} = {}) {
  const data = sampleKlines();
  const times = data.get('BTCUSDT').map((r) => r[0]);
  const n = times.length;
  let index = start < 0 ? n + start : start; // last closed bar
  let faults = [];
  let requests = [];
  const serverTime = () => times[Math.min(index, n - 1)] + HOUR + 10 * 60_000;
  const timer = tickMs > 0 ? setInterval(() => (index = Math.min(index + 1, n - 2)), tickMs) : null;

  const ROW_MODES = ['malformed', 'duplicate', 'out-of-order', 'forming', 'gap'];
  /** the next fault for this endpoint: row faults only touch /klines answers */
  const takeFault = (klines) => {
    const f = faults[0];
    if (!f || (!klines && ROW_MODES.includes(f.mode))) return null;
    if (f.times !== undefined && --f.times <= 0) faults.shift();
    return f;
  };
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Retry-After',
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const readBody = (req) =>
    new Promise((resolve) => {
      let s = '';
      req.on('data', (c) => (s += c));
      req.on('end', () => {
        try {
          resolve(s ? JSON.parse(s) : {});
        } catch {
          resolve({});
        }
      });
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (log) console.log(req.method, url.pathname + url.search);
    if (req.method === 'OPTIONS')
      return send(res, 204, '', {
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': '*',
      });
    if (url.pathname.startsWith('/__replay/')) {
      const what = url.pathname.slice('/__replay/'.length);
      if (what === 'state')
        return send(res, 200, { index, lastClosed: times[index], serverTime: serverTime(), bars: n, faults });
      if (what === 'requests') return send(res, 200, requests);
      const body = await readBody(req);
      if (what === 'clock') {
        if (body.time !== undefined) index = times.findIndex((t) => t >= body.time);
        else index = body.index < 0 ? n + body.index : body.index;
      } else if (what === 'tick') index = Math.min(index + (body.bars ?? 1), n - 2);
      else if (what === 'fault') faults.push({ ...body });
      else if (what === 'reset') {
        faults = [];
        requests = [];
      } else return send(res, 404, { error: 'unknown test endpoint' });
      return send(res, 200, { index, lastClosed: times[index], serverTime: serverTime() });
    }
    requests.push(url.pathname + url.search);
    if (url.pathname === '/api/v3/time' || url.pathname === '/api/v3/klines') {
      const f = takeFault(url.pathname === '/api/v3/klines');
      if (f?.mode === 'timeout') {
        await new Promise((r) => setTimeout(r, f.ms ?? 5000));
        if (res.destroyed) return;
      }
      if (f?.mode === '429')
        return send(
          res,
          429,
          { code: -1003, msg: 'Too many requests' },
          { 'Retry-After': String(f.retryAfter ?? 1) },
        );
      if (f?.mode === '5xx') return send(res, f.status ?? 503, { code: -1001, msg: 'Internal error' });
      if (url.pathname === '/api/v3/time') return send(res, 200, { serverTime: serverTime() });
      const rows = data.get(url.searchParams.get('symbol') ?? '');
      if (!rows) return send(res, 400, { code: -1121, msg: 'Invalid symbol.' });
      if (url.searchParams.get('interval') !== '1h')
        return send(res, 400, { code: -1120, msg: 'Invalid interval.' });
      const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 500));
      const from = Number(url.searchParams.get('startTime') ?? 0);
      const to = Number(url.searchParams.get('endTime') ?? Infinity);
      const out = [];
      for (let i = 0; i <= index && i < rows.length && out.length < limit; i++)
        if (rows[i][0] >= from && rows[i][0] <= to) out.push(row(rows[i], rows[i][0] + HOUR - 1));
      let body = out;
      if (f?.mode === 'gap') body = body.filter((r) => r[0] !== f.time); // the exchange lacks this bar
      if (f?.mode === 'malformed' && body.length)
        body = [...body.slice(0, -1), [body.at(-1)[0], 'abc', ...body.at(-1).slice(2)]];
      if (f?.mode === 'duplicate') body = body.flatMap((r) => [r, r]);
      if (f?.mode === 'out-of-order') body = [...body].reverse();
      if ((f?.mode === 'forming' || f?.forming) && index + 1 < rows.length && out.length < limit) {
        const next = rows[index + 1];
        body = [
          ...body,
          row([next[0], next[1], next[2], next[3], next[1] * 1.5, next[5] / 3], next[0] + HOUR - 1),
        ];
      }
      return send(res, 200, body);
    }
    send(res, 404, { code: -1, msg: 'not found' });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    times,
    bars: (symbol = 'BTCUSDT') => data.get(symbol),
    setIndex: (i) => (index = i < 0 ? n + i : i),
    tick: (k = 1) => (index = Math.min(index + k, n - 2)),
    index: () => index,
    fault: (f) => faults.push({ ...f }),
    reset: () => {
      faults = [];
      requests = [];
    },
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        if (timer) clearInterval(timer);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const s = await startReplayServer({
    port: Number(arg('port', process.env.REPLAY_PORT ?? 5175)),
    host: arg('host', '127.0.0.1'),
    start: Number(arg('start', -720)),
    tickMs: Number(arg('tick-ms', 0)),
    log: process.argv.includes('--log'),
  });
  console.log(`kline replay server on ${s.url}`);
}
