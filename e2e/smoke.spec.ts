import { expect, test } from '@playwright/test';

const PANELS = ['Data', 'Train', 'Backtest', 'Models', 'Artifacts', 'Optimize', 'Tune', 'Live', 'Settings'];

test('the shell opens, every panel is reachable by mouse and keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Candle Lab' })).toBeVisible();
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(PANELS.length);

  // mouse
  for (const name of PANELS) {
    await page.getByRole('tab', { name }).click();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
  }
  // keyboard: focus the first tab, walk right with the arrow keys, wrap around with End/Home
  await page.getByRole('tab', { name: 'Data' }).click();
  for (const name of PANELS.slice(1)) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name })).toBeFocused();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  // the panel survives a reload (kept in the URL hash)
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
});

test('the worker computes on WebGPU with a checked result, and forcing cpu switches it', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByTestId('settings-backend')).toHaveText('webgpu', { timeout: 90_000 });
  await expect(page.getByTestId('settings-selftest')).toContainText('passed', { timeout: 90_000 });
  const adapter = await page.getByTestId('settings-adapter').textContent();
  expect(adapter?.toLowerCase()).toMatch(/swiftshader|google|vulkan|webgpu/);
  await expect(page.getByTestId('active-backend')).toHaveText('webgpu');

  await page.getByLabel('TensorFlow.js backend').selectOption('cpu');
  await expect(page.getByTestId('settings-backend')).toHaveText('cpu');
  await expect(page.getByTestId('settings-selftest')).toContainText('passed');
  await expect(page.getByTestId('active-backend')).toHaveText('cpu');
  // the choice persists across reloads
  await page.reload();
  await expect(page.getByTestId('settings-backend')).toHaveText('cpu', { timeout: 60_000 });
});

test('the hub endpoint is validated and saved', async ({ page }) => {
  await page.goto('/#/settings');
  const field = page.getByLabel('Hub endpoint');
  await expect(field).toHaveValue('https://huggingface.co');
  await field.fill('not a url');
  await page.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByRole('alert')).toContainText('full URL');
  await field.fill('http://127.0.0.1:5174/');
  await page.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByTestId('hub-saved')).toContainText('http://127.0.0.1:5174');
  await page.reload();
  await expect(page.getByLabel('Hub endpoint')).toHaveValue('http://127.0.0.1:5174');
});

test('the build ships a manifest and a service worker precaching the wasm and worker chunks', async ({
  page,
  request,
}) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toContain('Candle Lab');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
  const sw = await (await request.get('/sw.js')).text();
  expect(sw).toMatch(/pipeline\.worker-[\w-]+\.js/);
  expect(sw).toMatch(/tfjs-backend-wasm[\w-]*\.wasm/);
  expect(sw).toMatch(/sample\/binance-ohlcv-1h-btc-eth\/data\/train-00000-of-00001\.parquet/);
  await page.goto('/');
  const ready = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active);
  });
  expect(ready).toBe(true);
});

test('the benchmarks are their own chunk, loaded only when asked for; TensorFlow.js is not in the page chunk', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const files = await readdir('dist/assets');
  const worker = files.filter((f) => /^pipeline\.worker-.*\.js$/.test(f));
  const bench = files.filter((f) => /^bench-api-.*\.js$/.test(f));
  expect(worker).toHaveLength(1);
  expect(bench).toHaveLength(1);
  // a name only the benchmark module defines
  expect(await readFile(`dist/assets/${bench[0]}`, 'utf8')).toContain('memoryPrepare');
  expect(await readFile(`dist/assets/${worker[0]}`, 'utf8')).not.toContain('memoryPrepare');
  // TensorFlow.js stays in the workers: the page's own chunks never carry it
  for (const f of files.filter((n) => /^index-.*\.js$/.test(n)))
    expect(await readFile(`dist/assets/${f}`, 'utf8'), f).not.toContain('tensorflowjs_models');
});
