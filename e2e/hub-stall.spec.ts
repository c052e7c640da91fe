import { expect, test } from '@playwright/test';

/**
 * A hub that stops sending in the middle of a download: the Data panel says it is waiting for
 * the hub (and for how long), and Cancel stops the load while nothing arrives.
 */
const HUB = 'http://127.0.0.1:5174';
const DATASET = 'lab/binance-ohlcv-1h-btc-eth';

test.afterEach(async ({ request }) => {
  await request.post(`${HUB}/__mock/reset`);
});

test('a stalled download shows the wait, and Cancel stops it', async ({ page, request }) => {
  const set = await request.post(`${HUB}/__mock/fault`, {
    data: {
      path: 'data/train-00000-of-00001.parquet',
      mode: 'stall',
      ranged: false,
      bytes: 65536,
      ms: 120_000,
      times: 10, // every load stalls, also one the deep link may have started already
    },
  });
  expect(set.ok()).toBe(true);
  await page.goto(`/?dataset=${encodeURIComponent(DATASET)}&hub=${encodeURIComponent(HUB)}#/data`);
  await expect(page.getByLabel('Hub endpoint')).toHaveValue(HUB);
  await page.getByRole('button', { name: 'Load dataset' }).click();
  const loading = page.getByRole('group', { name: 'Loading dataset' });
  await expect(loading.getByTestId('progress-text')).toContainText(
    /waiting for the hub \(no data for \d+ s\)/,
    {
      timeout: 30_000,
    },
  );
  await loading.getByRole('button', { name: 'Cancel' }).click();
  await expect(loading).toBeHidden({ timeout: 5_000 });
  // a cancelled load is the user's choice, not a failure
  await expect(page.getByTestId('data-cancelled')).toHaveText('Loading cancelled.');
  await expect(page.getByTestId('data-error')).toHaveCount(0);
});
