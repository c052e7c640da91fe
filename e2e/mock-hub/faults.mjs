/**
 * Fault modes for the mock hub: a misbehaving hub, per request path, for tests only.
 *
 * A fault rule is {path, mode, times = 1, method?, ranged?, ...}: the next `times` requests
 * whose path contains `path` (and, when given, whose method is `method`, and which carry a
 * Range header or not, as `ranged` says) get the fault. Modes:
 *
 *   short-length  {bytes?}  Content-Length says `bytes` (default half the file), that many
 *                           bytes are sent, and the response ends cleanly: a cut body
 *   long-length   {bytes?}  Content-Length says the whole file, `bytes` (default half) are sent,
 *                           then the connection is closed
 *   html                    200 with a text/html sign-in page instead of the file
 *   empty                   the file is 0 bytes (a Range probe gets 416 `bytes *\/0`)
 *   stall         {ms, bytes?, headers?}  headers and `bytes` (default 0) bytes, then nothing
 *                           for `ms`, then the rest; `headers: false`: no response at all for
 *                           `ms`, then the normal answer
 *   drop                    the connection is closed before any response
 *   redirect                302 to the same path on a second origin (another port), which serves
 *                           the file and records the Authorization header it got
 *
 * Test API: POST /__mock/fault (a rule or a list), GET /__mock/redirected (the second origin's
 * log: method, path, range, authorization); /__mock/reset clears both.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';

export const FAULT_MODES = ['short-length', 'long-length', 'html', 'empty', 'stall', 'drop', 'redirect'];

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head>' +
  '<body><h1>Sign in to continue</h1><form><input name="user"></form></body></html>\n';

/**
 * The fault state of one mock hub. `serveFile(req, res, file, headers)` is the hub's normal
 * file answer (used by the second origin and after a stall); `cors` are the CORS headers.
 */
export function createFaults({ host, cors }) {
  let rules = [];
  let redirected = [];
  /** what ends each stall in progress: reset() and close() end them all */
  const stalls = new Set();
  const files = new Map(); // second-origin path -> {file, headers}
  let second = null;

  function normalise(r) {
    if (!FAULT_MODES.includes(r.mode)) {
      throw new Error(
        `mock hub: unknown fault mode ${JSON.stringify(r.mode)} (one of ${FAULT_MODES.join(', ')})`,
      );
    }
    return {
      ...r,
      path: String(r.path ?? ''),
      times: Number(r.times ?? 1),
      method: r.method ? String(r.method).toUpperCase() : undefined,
    };
  }

  /** Runs `fn` after `ms`, unless the response closes first (a reset closes it). */
  function stall(res, ms, fn) {
    const end = () => res.destroy();
    const t = setTimeout(() => {
      stalls.delete(end);
      fn();
    }, ms);
    stalls.add(end);
    res.on('close', () => {
      clearTimeout(t);
      stalls.delete(end);
    });
  }

  async function secondOrigin() {
    if (second) return second;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      redirected.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        range: req.headers.range ?? null,
        authorization: req.headers.authorization ?? null,
      });
      const hit = files.get(url.pathname);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'Content-Length': '0' });
        res.end();
      } else if (!hit) {
        res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' });
        res.end('not found');
      } else hit.serve(req, res);
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
    const addr = server.address();
    second = { server, url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : 0}` };
    return second;
  }

  /** Writes the first `n` bytes of the file, then calls `then` (the socket stays open). */
  function writeBytes(res, file, n, then) {
    if (n <= 0) return then();
    const s = createReadStream(file.abs, { start: 0, end: n - 1 });
    s.on('data', (c) => res.write(c));
    s.on('end', then);
    s.on('error', () => res.destroy());
  }

  return {
    /** adds a rule (or a list); throws on an unknown mode */
    add(rule) {
      for (const r of Array.isArray(rule) ? rule : [rule]) rules.push(normalise(r));
    },

    /** the rule for this request, used up by one, or null */
    take(req, pathname) {
      const method = (req.method ?? 'GET').toUpperCase();
      const ranged = !!req.headers.range;
      const rule = rules.find(
        (r) =>
          r.times > 0 &&
          pathname.includes(r.path) &&
          (!r.method || r.method === method) &&
          (r.ranged === undefined || r.ranged === ranged),
      );
      if (!rule) return null;
      rule.times -= 1;
      return rule;
    },

    /** the faults that need no file: true when the request was answered (or dropped) */
    async before(rule, req, res) {
      if (rule.mode === 'drop') {
        req.socket.destroy();
        return true;
      }
      if (rule.mode === 'html') {
        res.writeHead(200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : HTML_PAGE);
        return true;
      }
      if (rule.mode === 'stall' && rule.headers === false) {
        await new Promise((resolve) => {
          stall(res, Number(rule.ms ?? 60_000), resolve);
          res.on('close', resolve);
        });
        return res.destroyed || res.writableEnded;
      }
      return false;
    },

    /**
     * The faults on a file answer: true when handled. `headers` are the hub's headers for the
     * file (ETag, commit, type); `serve` answers normally.
     */
    async onFile(rule, req, res, file, headers, serve) {
      const size = file.size;
      const half = Math.floor(size / 2);
      const bytes = Math.max(0, Math.min(size, Number(rule.bytes ?? half)));
      const h = { ...cors, ...headers };
      switch (rule.mode) {
        case 'short-length':
          res.writeHead(200, { ...h, 'Content-Length': String(bytes) });
          writeBytes(res, file, bytes, () => res.end());
          return true;
        case 'long-length':
          res.writeHead(200, { ...h, 'Content-Length': String(size) });
          writeBytes(res, file, bytes, () => res.destroy());
          return true;
        case 'empty':
          if (req.headers.range) {
            res.writeHead(416, { ...h, 'Content-Range': 'bytes */0', 'Content-Length': '0' });
          } else res.writeHead(200, { ...h, 'Content-Length': '0' });
          res.end();
          return true;
        case 'stall': {
          if (rule.headers === false) return false; // that stall was before the answer
          const first = Math.max(0, Math.min(size, Number(rule.bytes ?? 0)));
          res.writeHead(200, { ...h, 'Content-Length': String(size) });
          res.flushHeaders();
          writeBytes(res, file, first, () =>
            stall(res, Number(rule.ms ?? 60_000), () => {
              if (!res.destroyed) createReadStream(file.abs, { start: first }).pipe(res);
            }),
          );
          return true;
        }
        case 'redirect': {
          const s = await secondOrigin();
          const target = new URL(req.url ?? '/', 'http://localhost').pathname;
          files.set(target, { serve: (r2, s2) => serve(r2, s2) });
          res.writeHead(302, { ...cors, Location: `${s.url}${target}`, 'Content-Length': '0' });
          res.end();
          return true;
        }
        default:
          return false;
      }
    },

    /** the test endpoints: true when handled */
    async control(method, pathname, readBody, res, sendJson) {
      if (pathname === '/__mock/fault' && method === 'POST') {
        try {
          this.add(JSON.parse((await readBody()) || '{}'));
        } catch (err) {
          sendJson(res, 400, { error: String(err?.message ?? err) });
          return true;
        }
        sendJson(res, 200, { rules });
        return true;
      }
      if (pathname === '/__mock/redirected' && method === 'GET') {
        sendJson(res, 200, redirected);
        return true;
      }
      return false;
    },

    /** requests the second origin got (with the Authorization header as received) */
    redirected() {
      return redirected.slice();
    },

    reset() {
      rules = [];
      redirected = [];
      for (const end of [...stalls]) end();
      stalls.clear();
    },

    async close() {
      this.reset();
      if (second) {
        const { server } = second;
        second = null;
        await new Promise((resolve) => {
          server.closeAllConnections?.();
          server.close(() => resolve());
        });
      }
    },
  };
}
