#!/usr/bin/env node
/**
 * A local mock of the Hugging Face Hub for tests (no internet needed, nothing outside the repo).
 *
 * Serves dataset folders under the Hub's real URL layout, as the @huggingface/hub client
 * calls it (checked against its source: datasetInfo -> /api/datasets/{id}/revision/{rev},
 * listFiles -> /api/datasets/{id}/tree/{rev}[/{path}]?recursive=&expand=, fileDownloadInfo and
 * downloadFile -> /datasets/{id}/resolve/{encodeURIComponent(rev)}/{path} probed with
 * `Range: bytes=0-0`):
 *
 *   GET  /api/datasets/{owner}/{name}                     info (sha, siblings, private, ...)
 *   GET  /api/datasets/{owner}/{name}/revision/{rev}      same, at a revision
 *   GET  /api/datasets/{owner}/{name}/tree/{rev}[/{path}] listing: type, path, size, oid (+ lfs)
 *   GET|HEAD /datasets/{owner}/{name}/resolve/{rev}/{path}  the bytes, with ETag and Range support
 *   OPTIONS *                                              CORS preflight
 *   POST /__mock/fail   {path, status, times, method?}    test-only: answer `status` N times
 *   POST /__mock/reset                                     clear failure rules and the request log
 *   GET  /__mock/requests                                  the request log (method, path, range, auth)
 *   POST /__mock/fault  {path, mode, times, ...}          test-only: a misbehaving hub (faults.mjs)
 *   GET  /__mock/redirected                                what the redirect fault's second origin got
 *
 * Revisions: `main`, `HEAD`, the dataset's commit sha, and `refs/convert/parquet` (encoded or
 * not) where a converted layout is configured. The commit sha is a fixed 40-hex value derived
 * from the content hashes, so it is stable across runs. Private datasets answer 401 unless
 * `Authorization: Bearer <token>` carries the accepted token (default `hf_test_token`).
 *
 * Default datasets: the sample the repo ships (public/sample/binance-ohlcv-1h-btc-eth), a private
 * copy, and a CSV-only view whose csv/ files are rebuilt from the shipped parquet at start-up
 * (sample-csv.mjs: byte for byte the published CSVs, written once to the system temp folder).
 *
 * CLI: node e2e/mock-hub/server.mjs [--port 5174] [--host 127.0.0.1] [--token hf_...]
 *        [--dataset owner/name=folder[:private]]...   (env: MOCK_HUB_PORT, MOCK_HUB_TOKEN,
 *        MOCK_HUB_FAIL='[{"path":"...","status":500,"times":2}]')
 */
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleCsvDatasetDir } from './sample-csv.mjs';
import { createFaults } from './faults.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');
/** the sample as the repo ships it: README.md and the parquet under data/ */
export const SAMPLE_DATASET_DIR = path.resolve(REPO_ROOT, 'public/sample/binance-ohlcv-1h-btc-eth');
export const DEFAULT_TOKEN = 'hf_test_token';
export const CONVERT_REVISION = 'refs/convert/parquet';
const LAST_MODIFIED = '2024-04-18T03:00:00.000Z';

/** The default datasets: the shipped sample, a private copy, and a CSV-only view with a parquet conversion. */
export function defaultDatasets() {
  const csvDir = sampleCsvDatasetDir(SAMPLE_DATASET_DIR);
  return [
    { id: 'lab/binance-ohlcv-1h-btc-eth', dir: SAMPLE_DATASET_DIR },
    { id: 'lab/binance-private', dir: SAMPLE_DATASET_DIR, private: true },
    {
      id: 'lab/binance-csv',
      dir: csvDir,
      include: ['csv/', 'README.md'],
      convert: { 'default/train/0000.parquet': 'data/train-00000-of-00001.parquet' },
    },
  ];
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Range, Accept, Content-Type, If-None-Match, X-Requested-With',
  'Access-Control-Expose-Headers':
    'ETag, Content-Range, Content-Length, Accept-Ranges, X-Repo-Commit, X-Error-Code, X-Error-Message, Link, X-Linked-Size, X-Linked-ETag',
  'Access-Control-Max-Age': '600',
};

// ---------------------------------------------------------------- indexing the folders

const hashCache = new Map();

function hashFile(abs) {
  const hit = hashCache.get(abs);
  if (hit) return hit;
  const bytes = readFileSync(abs);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // git blob id: sha1("blob <size>\0" + content), what the Hub reports as `oid`
  const gitOid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  const entry = { size: bytes.length, sha256, gitOid };
  hashCache.set(abs, entry);
  return entry;
}

function walk(dir, prefix = '') {
  const out = [];
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (d.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...walk(path.join(dir, d.name), rel));
    else if (d.isFile()) out.push(rel);
  }
  return out;
}

/** LFS-tracked on the real Hub: binary data files and anything large. */
function isLfs(relPath, size) {
  return /\.(parquet|arrow|bin|zip|gz|zst)$/i.test(relPath) || size > 10 * 1024 * 1024;
}

function makeSnapshot(files, label) {
  const map = new Map();
  const h = createHash('sha1').update(`mock-hub:${label}\n`);
  for (const [rel, abs] of files) {
    const info = hashFile(abs);
    const lfs = isLfs(rel, info.size);
    map.set(rel, { path: rel, abs, ...info, lfs, etag: `"${lfs ? info.sha256 : info.gitOid}"` });
    h.update(`${rel} ${info.sha256}\n`);
  }
  return { sha: h.digest('hex'), files: map };
}

function indexDataset(cfg) {
  if (!cfg || typeof cfg.id !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(cfg.id)) {
    throw new Error(`mock hub: dataset id must look like owner/name, got ${JSON.stringify(cfg?.id)}`);
  }
  const dir = path.resolve(REPO_ROOT, cfg.dir);
  if (!statSync(dir).isDirectory()) throw new Error(`mock hub: ${dir} is not a folder`);
  const include = cfg.include;
  const rels = walk(dir).filter((rel) => !include || include.some((p) => rel === p || rel.startsWith(p)));
  const main = makeSnapshot(
    rels.map((rel) => [rel, path.join(dir, rel)]),
    'main',
  );
  let convert = null;
  if (cfg.convert) {
    const entries = Object.entries(cfg.convert).map(([rel, src]) => [rel, path.join(dir, src)]);
    convert = makeSnapshot(entries, 'convert');
  }
  return { id: cfg.id, dir, private: !!cfg.private, main, convert };
}

// ---------------------------------------------------------------- small helpers

function send(res, status, headers, body) {
  res.writeHead(status, { ...CORS_HEADERS, ...headers });
  res.end(body);
}

function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body);
}

function sendError(res, status, code, message) {
  sendJson(res, status, { error: message }, code ? { 'X-Error-Code': code, 'X-Error-Message': message } : {});
}

/** Parses one `bytes=` range against `size`: {start, end} | 'unsatisfiable' | null (ignore, send all). */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  let end = m[2] === '' ? size - 1 : Number(m[2]);
  if (end < start) return null;
  end = Math.min(end, size - 1); // clamp: parquet readers ask past EOF
  return { start, end };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------- the server

/**
 * Starts the mock hub. `port` 0 picks a free port. Returns {url, port, close(), fail(rule),
 * reset(), requests()} where requests() is the log of handled requests (for counting fetches).
 */
export async function startMockHub({
  port = 0,
  host = '127.0.0.1',
  datasets = defaultDatasets(),
  token = DEFAULT_TOKEN,
  pageSize = 1000,
  failures = [],
  log = false,
} = {}) {
  const repos = new Map(datasets.map((d) => [d.id, indexDataset(d)]));
  let rules = failures.map((r) => ({ ...r }));
  let requestLog = [];
  const faults = createFaults({ host, cors: CORS_HEADERS });

  function snapshotFor(repo, rev) {
    if (rev === 'main' || rev === 'HEAD' || rev === repo.main.sha) return repo.main;
    if (repo.convert && (rev === CONVERT_REVISION || rev === repo.convert.sha)) return repo.convert;
    return null;
  }

  /** Splits `[rev-segments..., path...]`: a rev may be `refs/convert/parquet` unencoded. */
  function splitRev(segs) {
    if (segs[0] === 'refs' && segs.length >= 3)
      return { rev: segs.slice(0, 3).join('/'), rest: segs.slice(3) };
    return { rev: segs[0], rest: segs.slice(1) };
  }

  function authorised(repo, req) {
    if (!repo.private) return true;
    return req.headers.authorization === `Bearer ${token}`;
  }

  function takeFailure(method, pathname) {
    const rule = rules.find(
      (r) => r.times > 0 && pathname.includes(r.path) && (!r.method || r.method.toUpperCase() === method),
    );
    if (!rule) return null;
    rule.times -= 1;
    return rule;
  }

  function repoGate(res, req, owner, name) {
    const repo = repos.get(`${owner}/${name}`);
    if (!repo) {
      sendError(res, 404, 'RepoNotFound', `Dataset ${owner}/${name} not found`);
      return null;
    }
    if (!authorised(repo, req)) {
      const hasAuth = !!req.headers.authorization;
      sendError(
        res,
        401,
        null,
        hasAuth
          ? 'Invalid credentials in Authorization header'
          : `Access to dataset ${repo.id} is restricted. You must be authenticated to access it.`,
      );
      return null;
    }
    return repo;
  }

  function info(res, repo, snap) {
    sendJson(res, 200, {
      _id: createHash('sha1').update(repo.id).digest('hex').slice(0, 24),
      id: repo.id,
      author: repo.id.split('/')[0],
      sha: snap.sha,
      private: repo.private,
      gated: false,
      disabled: false,
      downloads: 0,
      likes: 0,
      tags: [],
      createdAt: LAST_MODIFIED,
      lastModified: LAST_MODIFIED,
      siblings: [...snap.files.keys()].map((rfilename) => ({ rfilename })),
    });
  }

  function tree(res, url, repo, snap, dirPath) {
    const recursive = url.searchParams.get('recursive') === 'true';
    const prefix = dirPath ? `${dirPath}/` : '';
    const dirs = new Set();
    for (const p of snap.files.keys()) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    if (dirPath && !dirs.has(dirPath)) {
      sendError(res, 404, 'EntryNotFound', `${dirPath} does not exist on "${snap.sha}"`);
      return;
    }
    const inScope = (p) => p.startsWith(prefix) && (recursive || !p.slice(prefix.length).includes('/'));
    const entries = [];
    for (const d of [...dirs].sort()) {
      if (inScope(d))
        entries.push({
          type: 'directory',
          oid: createHash('sha1').update(`tree ${d} ${snap.sha}`).digest('hex'),
          size: 0,
          path: d,
        });
    }
    for (const f of snap.files.values()) {
      if (!inScope(f.path)) continue;
      const e = { type: 'file', oid: f.gitOid, size: f.size, path: f.path };
      if (f.lfs) e.lfs = { oid: f.sha256, size: f.size, pointerSize: 134 };
      if (url.searchParams.get('expand') === 'true') {
        e.lastCommit = { id: snap.sha, title: 'Upload dataset', date: LAST_MODIFIED };
      }
      entries.push(e);
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)); // code-point order, like git
    const cursor = Number(url.searchParams.get('cursor') ?? 0) || 0;
    const page = entries.slice(cursor, cursor + pageSize);
    const headers = {};
    if (cursor + pageSize < entries.length) {
      const next = new URL(url);
      next.searchParams.set('cursor', String(cursor + pageSize));
      headers.Link = `<${next.href}>; rel="next"`;
    }
    sendJson(res, 200, page, headers);
  }

  async function resolveFile(req, res, repo, snap, filePath, fault = null) {
    const f = snap.files.get(filePath);
    if (!f) {
      sendError(res, 404, 'EntryNotFound', `${filePath} does not exist on "${snap.sha}"`);
      return;
    }
    const type = /\.csv$/i.test(f.path)
      ? 'text/csv; charset=utf-8'
      : /\.(md|txt)$/i.test(f.path)
        ? 'text/plain; charset=utf-8'
        : /\.jsonl?$/i.test(f.path)
          ? 'application/json; charset=utf-8'
          : 'application/octet-stream';
    const base = {
      ETag: f.etag,
      'X-Repo-Commit': snap.sha,
      'Accept-Ranges': 'bytes',
      'Content-Type': type,
      'Content-Disposition': `inline; filename="${path.basename(f.path)}"`,
    };
    const normal = (q, s) => resolveFile(q, s, repo, snap, filePath);
    if (fault && (await faults.onFile(fault, req, res, f, base, normal))) return;
    const range = parseRange(req.headers.range, f.size);
    if (range === 'unsatisfiable') {
      send(res, 416, { ...base, 'Content-Range': `bytes */${f.size}`, 'Content-Length': '0' }, '');
      return;
    }
    const { start, end, status } = range
      ? { ...range, status: 206 }
      : { start: 0, end: f.size - 1, status: 200 };
    const headers = { ...base, 'Content-Length': String(Math.max(0, end - start + 1)) };
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${f.size}`;
    res.writeHead(status, { ...CORS_HEADERS, ...headers });
    if (req.method === 'HEAD' || f.size === 0) {
      res.end();
      return;
    }
    createReadStream(f.abs, { start, end }).pipe(res);
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = req.method ?? 'GET';
    const pathname = url.pathname;
    if (log) console.log(`[mock-hub] ${method} ${pathname}${url.search} ${req.headers.range ?? ''}`);

    if (method === 'OPTIONS') {
      send(res, 204, { 'Content-Length': '0' }, '');
      return;
    }
    // test control endpoints
    if (pathname === '/__mock/fail' && method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}');
      const list = Array.isArray(body) ? body : [body];
      for (const r of list)
        rules.push({
          path: String(r.path ?? ''),
          status: Number(r.status ?? 500),
          times: Number(r.times ?? 1),
          method: r.method,
        });
      sendJson(res, 200, { rules });
      return;
    }
    if (await faults.control(method, pathname, () => readBody(req), res, sendJson)) return;
    if (pathname === '/__mock/reset' && method === 'POST') {
      faults.reset();
      rules = [];
      requestLog = [];
      sendJson(res, 200, { ok: true });
      return;
    }
    if (pathname === '/__mock/requests') {
      sendJson(res, 200, requestLog);
      return;
    }

    requestLog.push({
      method,
      path: pathname,
      search: url.search,
      range: req.headers.range ?? null,
      auth: !!req.headers.authorization,
    });
    const rule = takeFailure(method, pathname);
    if (rule) {
      const headers = rule.status === 429 ? { 'Retry-After': '0' } : {};
      sendJson(res, rule.status, { error: `Injected failure ${rule.status}` }, headers);
      return;
    }
    const fault = faults.take(req, pathname);
    if (fault && (await faults.before(fault, req, res))) return;

    const segs = pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    // /api/datasets/{owner}/{name}[/revision/{rev} | /tree/{rev}[/path]]
    if (
      segs[0] === 'api' &&
      segs[1] === 'datasets' &&
      segs.length >= 4 &&
      (method === 'GET' || method === 'HEAD')
    ) {
      const repo = repoGate(res, req, segs[2], segs[3]);
      if (!repo) return;
      const kind = segs[4];
      if (!kind) return info(res, repo, repo.main);
      if ((kind === 'revision' || kind === 'tree') && segs.length >= 6) {
        const { rev, rest } = splitRev(segs.slice(5));
        const snap = snapshotFor(repo, rev);
        if (!snap) return sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
        if (kind === 'revision') return info(res, repo, snap);
        return tree(res, url, repo, snap, rest.join('/'));
      }
      return sendError(res, 404, null, 'Not found');
    }
    // /datasets/{owner}/{name}/resolve/{rev}/{path}
    if (
      segs[0] === 'datasets' &&
      segs[3] === 'resolve' &&
      segs.length >= 6 &&
      (method === 'GET' || method === 'HEAD')
    ) {
      const repo = repoGate(res, req, segs[1], segs[2]);
      if (!repo) return;
      const { rev, rest } = splitRev(segs.slice(4));
      const snap = snapshotFor(repo, rev);
      if (!snap) return sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      return resolveFile(req, res, repo, snap, rest.join('/'), fault);
    }
    sendError(res, 404, null, 'Not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendError(res, 500, null, `mock hub error: ${err?.message ?? err}`);
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host}:${actualPort}`;
  return {
    url,
    port: actualPort,
    datasets: [...repos.values()].map((r) => ({
      id: r.id,
      private: r.private,
      sha: r.main.sha,
      convertSha: r.convert?.sha ?? null,
    })),
    fail(rule) {
      rules.push({
        path: rule.path,
        status: rule.status ?? 500,
        times: rule.times ?? 1,
        method: rule.method,
      });
    },
    fault: (rule) => faults.add(rule),
    redirected: () => faults.redirected(),
    reset() {
      faults.reset();
      rules = [];
      requestLog = [];
    },
    requests() {
      return requestLog.slice();
    },
    async close() {
      await faults.close();
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

// ---------------------------------------------------------------- CLI

function parseCli(argv, env) {
  const opts = {
    port: Number(env.MOCK_HUB_PORT ?? 5174),
    host: env.MOCK_HUB_HOST ?? '127.0.0.1',
    token: env.MOCK_HUB_TOKEN ?? DEFAULT_TOKEN,
    log: true,
  };
  const datasets = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i];
    if (a === '--port') opts.port = Number(val());
    else if (a === '--host') opts.host = val();
    else if (a === '--token') opts.token = val();
    else if (a === '--quiet') opts.log = false;
    else if (a === '--dataset') {
      const m = /^([^=]+)=(.+?)(:private)?$/.exec(val() ?? '');
      if (!m) throw new Error('--dataset expects owner/name=folder[:private]');
      datasets.push({ id: m[1], dir: path.resolve(process.cwd(), m[2]), private: !!m[3] });
    } else throw new Error(`unknown argument ${a}`);
  }
  if (datasets.length) opts.datasets = datasets;
  if (env.MOCK_HUB_FAIL) opts.failures = JSON.parse(env.MOCK_HUB_FAIL);
  return opts;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const hub = await startMockHub(parseCli(process.argv.slice(2), process.env));
  console.log(`mock hub listening on ${hub.url}`);
  for (const d of hub.datasets) console.log(`  ${d.id}${d.private ? ' (private)' : ''} @ ${d.sha}`);
  const stop = () => hub.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
