import { expect, test, type Page } from '@playwright/test';

const HUB = 'http://127.0.0.1:5174';

/** Opens a deep link to `dataset` on the mock hub: the form shows it and it starts loading. */
async function openHubLink(page: Page, dataset: string) {
  await page.goto(`/?dataset=${encodeURIComponent(dataset)}&hub=${encodeURIComponent(HUB)}#/data`);
  await expect(page.getByLabel('Dataset id')).toHaveValue(dataset);
  await expect(page.getByLabel('Hub endpoint')).toHaveValue(HUB);
}

test('built-in sample: loads offline on first visit, with validation and a chart', async ({
  page,
  context,
}) => {
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('summary-symbols')).toHaveText('BTC/USDT, ETH/USDT');
  await expect(page.getByTestId('validation-table')).toContainText('37,660');
  await expect(page.getByTestId('candles-chart')).toHaveAttribute('data-ready', 'true');
  // the service worker has the shell and the sample: go offline and load it again
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('candles-chart')).toHaveAttribute('data-ready', 'true');
  await context.setOffline(false);
});

test('a hub dataset through the mock hub: parquet, pinned commit, then the cache, then offline', async ({
  page,
  context,
}) => {
  await openHubLink(page, 'lab/binance-ohlcv-1h-btc-eth');
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('summary-source')).toHaveText('parquet');
  await expect(page.getByTestId('summary-commit')).toHaveText(/^[0-9a-f]{12}$/);
  await expect(page.getByTestId('file-cache')).toHaveText('downloaded');
  await expect(page.getByTestId('validation-table')).toContainText('37,660');
  // the service worker is installed (the shell and its assets precached) before the reload, so the
  // reloaded page is controlled by it and can be reloaded again offline
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // the last dataset comes back on reload, now from the IndexedDB cache (its commit is known)
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await expect(page.getByTestId('file-cache')).toHaveText('from cache', { timeout: 60_000 });
  // with the network off, the hub cannot be reached and the cache serves it
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('hub-status')).toContainText('offline');
  await expect(page.getByTestId('file-cache')).toHaveText('from cache', { timeout: 60_000 });
  await expect(page.getByTestId('candles-chart')).toHaveAttribute('data-ready', 'true');
  await context.setOffline(false);
});

test('a CSV-only dataset: the hub parquet conversion first, then the CSV files themselves', async ({
  page,
}) => {
  await openHubLink(page, 'lab/binance-csv');
  await expect(page.getByTestId('summary-source')).toHaveText('parquet-conversion', { timeout: 60_000 });
  await expect(page.getByTestId('validation-table')).toContainText('37,660');
  // CSV files, one per symbol, with capitalised columns and ISO times, chosen by a file pattern
  await page.getByText('Which files').click();
  await page.getByLabel('File pattern').fill('csv/*.csv');
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-csv', { timeout: 60_000 });
  await expect(page.getByTestId('summary-source')).toHaveText('csv');
  await expect(page.getByTestId('summary-symbols')).toHaveText('BTC/USDT, ETH/USDT');
  await expect(page.getByTestId('summary-timestamps')).toContainText('iso');
  await expect(page.getByTestId('summary-mapping')).toContainText('time ← Date');
  await expect(page.getByTestId('validation-table')).toContainText('37,660');
});

test('a private dataset: a clear error without a token, loads with one', async ({ page }) => {
  await openHubLink(page, 'lab/binance-private');
  await expect(page.getByTestId('data-error')).toContainText(/token/i, { timeout: 60_000 });
  await expect(page.getByTestId('data-error')).not.toContainText('hf_test_token');
  await page.getByLabel('Access token (private or gated datasets)').fill('hf_test_token');
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-private', { timeout: 60_000 });
  // the token was not remembered (the box was not ticked) and is not in the URL
  expect(page.url()).not.toContain('hf_test_token');
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('hf_test_token');
});

test('bad input keeps the app usable: a dataset that does not exist, then a bad token format', async ({
  page,
}) => {
  await openHubLink(page, 'lab/no-such-dataset');
  await expect(page.getByTestId('data-error')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Access token (private or gated datasets)').fill('not-a-token');
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'hf_' })).toBeVisible();
  // the sample still loads afterwards
  await page.getByLabel('Built-in sample (offline)').check();
  await page.getByRole('button', { name: 'Load sample' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
});

test('the column mapping can be corrected and the dataset reloads with it', async ({ page }) => {
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-mapping')).toContainText('volume ← volume', { timeout: 60_000 });
  // no volume column: volumes become 0 and a warning says so
  await page.getByText('Correct the column mapping').click();
  await page.getByLabel('volume (blank: none)').fill('');
  await page.getByRole('button', { name: 'Reload with this mapping' }).click();
  await expect(page.getByTestId('summary-mapping')).toContainText('volume ← none', { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('No volume column');
  // a column that does not exist gives an error that lists the columns found
  await page.getByText('Correct the column mapping').click();
  await page.getByLabel('close', { exact: true }).fill('no_such_column');
  await page.getByRole('button', { name: 'Reload with this mapping' }).click();
  await expect(page.getByTestId('data-error')).toContainText('"timestamp", "symbol", "open"', {
    timeout: 60_000,
  });
  // the summary still shown is the dataset loaded before, and the panel says so
  await expect(page.getByTestId('data-still-using')).toHaveText(
    'Still using sample/binance-ohlcv-1h-btc-eth, loaded before: the summary below is that dataset.',
  );
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth');
});
