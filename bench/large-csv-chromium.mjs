/**
 * The Chromium half of bench/large-csv.mjs: loads a local CSV the way the app does (a File from
 * an <input type=file>, posted to a dedicated worker that runs `loadLocalSource`) in Debian's
 * headless Chromium, and measures the Chromium processes' memory while it loads.
 *
 * Not the whole app: a one-page harness with the loader bundled for the browser by rolldown, so
 * that the figure is the loader's, not the app's other work (the sample load, charts). Memory is
 * read from Linux /proc: each process's resident set high-water mark (VmHWM, exact), and the sum
 * of all Chromium processes' resident sets sampled every 50 ms (their simultaneous peak).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/* global window -- inside page.evaluate callbacks, which run in the page */

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
];

const PAGE = `<!doctype html><meta charset="utf-8"><input type="file" id="f">
<script>
  const worker = new Worker('/worker.js', { type: 'module' });
  window.progress = [];
  window.run = () => new Promise((resolve) => {
    worker.onmessage = (e) => {
      if (e.data.progress) window.progress.push(e.data.progress.fraction);
      else resolve(e.data);
    };
    worker.postMessage(document.getElementById('f').files[0]);
  });
</script>`;

const WORKER = (loadTs) => `
import { loadLocalSource } from ${JSON.stringify(loadTs)};
let kept = null;
self.onmessage = async (e) => {
  const file = e.data;
  const t0 = performance.now();
  try {
    kept = await loadLocalSource(file.name, file, {}, (p) => self.postMessage({ progress: p }));
    let bars = 0;
    for (const b of kept.bars.values()) bars += b.time.length;
    self.postMessage({ ms: performance.now() - t0, bars, symbols: kept.bars.size });
  } catch (err) {
    self.postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
`;

function kb(status, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Chromium's process tree under `rootPid`: pid -> { name, rss, hwm } */
function chromiumProcesses(rootPid) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while listing
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  const out = new Map();
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      out.set(pid, { type, rss: kb(status, 'VmRSS'), hwm: kb(status, 'VmHWM') });
    } catch {
      // gone
    }
  }
  return out;
}

export async function measureChromium(file, bundleDir, root) {
  const { build } = await import('rolldown');
  const { chromium } = await import('@playwright/test');
  const entry = path.join(bundleDir, 'chromium-worker-entry.js');
  writeFileSync(entry, WORKER(path.join(root, 'src/core/data/load.ts')));
  const out = await build({
    input: entry,
    platform: 'browser',
    output: { format: 'esm', codeSplitting: false },
    logLevel: 'silent',
    write: false,
  });
  const workerJs = out.output[0].code;
  const server = http.createServer((req, res) => {
    const js = req.url === '/worker.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? workerJs : PAGE);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.setInputFiles('#f', file);
    // Playwright starts Chromium as a child of this Node process
    const rootPid = [...chromiumProcesses(process.pid).keys()].find(
      (pid) =>
        pid !== process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0].includes('chrom'),
    );
    if (!rootPid) throw new Error('no Chromium process found under this process');
    const before = chromiumProcesses(rootPid);
    const baseTotal = [...before.values()].reduce((s, p) => s + p.rss, 0);
    let peakTotal = baseTotal;
    const timer = setInterval(() => {
      const now = chromiumProcesses(rootPid);
      peakTotal = Math.max(
        peakTotal,
        [...now.values()].reduce((s, p) => s + p.rss, 0),
      );
    }, 50);
    const result = await page.evaluate(() => window.run());
    clearInterval(timer);
    const progress = await page.evaluate(() => window.progress);
    const after = chromiumProcesses(rootPid);
    const byType = {};
    for (const p of after.values()) byType[p.type] = Math.max(byType[p.type] ?? 0, p.hwm);
    return { ...result, baseTotal, peakTotal, hwmByType: byType, progressSteps: progress.length };
  } finally {
    await browser.close();
    server.close();
  }
}
