/**
 * The build deployed as plain static files under a sub-path: built once with
 * BASE_PATH=/candle-lab/ into dist-subpath/, served by a minimal static server at
 * http://127.0.0.1:4181/candle-lab/ (nothing served outside that folder), then the app,
 * the built-in sample and the service worker are checked online and offline.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const BASE = '/candle-lab/';
const PORT = 4181;
const ROOT = resolve('dist-subpath');
const ORIGIN = `http://127.0.0.1:${PORT}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown',
  '.parquet': 'application/octet-stream',
};

/** Serves ROOT at BASE only (a request outside BASE is a 404, as on a shared static host). */
function staticServer(): Server {
  return createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', ORIGIN).pathname);
      if (!path.startsWith(BASE)) return void res.writeHead(404).end('outside the app folder');
      let file = normalize(join(ROOT, path.slice(BASE.length)));
      if (!file.startsWith(ROOT)) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
}

let server: Server;

test.beforeAll(() => {
  test.setTimeout(180_000);
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-subpath', '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, BASE_PATH: BASE },
    stdio: 'inherit',
  });
  server = staticServer();
  return new Promise<void>((ok) => server.listen(PORT, '127.0.0.1', ok));
});

test.afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

test('served from /candle-lab/, the app and the sample load, also offline from the service worker', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const failed: string[] = [];
  // every request to this server must succeed (another origin, such as the hub, may be unreachable)
  page.on('response', (r) => {
    if (r.url().startsWith(ORIGIN) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(ORIGIN)) failed.push(`failed ${r.url()}`);
  });

  await page.goto(`${ORIGIN}${BASE}#/data`);
  await expect(page.getByRole('heading', { name: 'Candle Lab' })).toBeVisible();
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  // the header icon comes from the sub-path too
  const icon = page.locator('header img').first();
  await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // the manifest and the service worker live in, and are scoped to, the sub-path
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBe(`${BASE}manifest.webmanifest`);
  const manifestUrl = new URL(manifestHref!, ORIGIN);
  const manifest = (await (await request.get(manifestUrl.href)).json()) as {
    start_url: string;
    scope: string;
    icons: { src: string }[];
  };
  expect(new URL(manifest.start_url, manifestUrl).pathname).toBe(BASE);
  expect(new URL(manifest.scope, manifestUrl).pathname).toBe(BASE);
  for (const i of manifest.icons)
    expect((await request.get(new URL(i.src, manifestUrl).href)).ok(), i.src).toBe(true);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${ORIGIN}${BASE}`);
  expect(failed).toEqual([]);

  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Candle Lab' })).toBeVisible();
    await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
      timeout: 60_000,
    });
  } finally {
    await context.setOffline(false);
  }
});
