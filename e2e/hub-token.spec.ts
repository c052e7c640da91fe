import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Access tokens are bound to the hub origin they were saved for. The mock hub answers on
 * two origins (http://127.0.0.1:5174 and http://localhost:5174: same server, different
 * origins) and logs whether each request carried an Authorization header.
 */
const HUB = 'http://127.0.0.1:5174';
const OTHER_HUB = 'http://localhost:5174';
const TOKEN = 'hf_test_token';

interface Logged {
  method: string;
  path: string;
  auth: boolean;
}

async function hubLog(request: APIRequestContext): Promise<Logged[]> {
  return (await (await request.get(`${HUB}/__mock/requests`)).json()) as Logged[];
}

/** Settings point at the mock hub; a token for `HUB` is remembered (as the form saves it). */
async function rememberTokenForHub(page: Page, token: string | null) {
  await page.addInitScript(
    ({ hub, token }) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('candle-lab.settings.v1', JSON.stringify({ hubEndpoint: hub, backend: 'cpu' }));
      if (token) localStorage.setItem('candle-lab.hf-tokens.v2', JSON.stringify({ [hub]: token }));
    },
    { hub: HUB, token },
  );
}

test.beforeEach(async ({ request }) => {
  await request.post(`${HUB}/__mock/reset`);
});

test('a link to another hub: the remembered token is sent there only after the user confirms', async ({
  page,
  request,
}) => {
  await rememberTokenForHub(page, TOKEN);
  await page.goto(`/?dataset=lab/binance-private&hub=${encodeURIComponent(OTHER_HUB)}#/data`);
  await expect(page.getByTestId('hub-link-notice')).toContainText('localhost:5174');
  // the link loads at once, without the token of the other hub: the private dataset asks for one
  await expect(page.getByTestId('data-error')).toContainText(/token/i, { timeout: 60_000 });
  await expect(page.getByTestId('token-asked')).toContainText('localhost:5174 asks for an access token');
  await expect(page.getByLabel('Access token (private or gated datasets)')).toBeFocused();
  await expect(page.getByTestId('token-origin')).toContainText('127.0.0.1:5174');

  const dialog = page.getByRole('dialog', { name: 'Send your access token to localhost:5174?' });
  const load = page.getByRole('button', { name: 'Load dataset' });
  await load.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(load).toBeFocused();

  await load.click();
  await dialog.getByRole('button', { name: 'Load without the token' }).click();
  await expect(page.getByTestId('data-error')).toContainText(/token/i, { timeout: 60_000 });
  const before = await hubLog(request);
  expect(before.filter((r) => r.path.startsWith('/api/datasets/lab/binance-private')).length).toBeGreaterThan(
    1,
  );
  expect(before.filter((r) => r.auth)).toEqual([]);

  await load.click();
  await dialog.getByRole('button', { name: 'Send the token to localhost:5174' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-private', { timeout: 60_000 });
  expect((await hubLog(request)).some((r) => r.auth)).toBe(true);
  // confirmed for this session only: the device still remembers it for its own hub alone
  const saved = await page.evaluate(() => localStorage.getItem('candle-lab.hf-tokens.v2'));
  expect(JSON.parse(saved!)).toEqual({ [HUB]: TOKEN });
});

test('a private dataset comes back on page reload, from the cache, with the token of its own hub', async ({
  page,
  request,
}) => {
  await rememberTokenForHub(page, TOKEN);
  // a link to the Settings hub loads at once, with the token remembered for it
  await page.goto(`/?dataset=lab/binance-private&hub=${encodeURIComponent(HUB)}#/data`);
  await expect(page.getByTestId('hub-link-notice')).toHaveCount(0);
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-private', { timeout: 60_000 });
  await expect(page.getByTestId('file-cache')).toHaveText('downloaded');
  expect((await hubLog(request)).filter((r) => r.path.startsWith('/api/')).every((r) => r.auth)).toBe(true);

  await request.post(`${HUB}/__mock/reset`);
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('lab/binance-private', { timeout: 60_000 });
  await expect(page.getByTestId('file-cache')).toHaveText('from cache');
  // cache-first: nothing asked of the hub but the one reachability probe
  expect((await hubLog(request)).map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /']);
  await expect(page.getByTestId('hub-status')).toHaveText('Hub 127.0.0.1:5174: reachable');
});

test('the sample in use: no hub badge and no request to the Settings hub', async ({ page, request }) => {
  await rememberTokenForHub(page, null);
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('hub-status')).toHaveCount(0);
  expect(await hubLog(request)).toEqual([]);
});

test('a local file is kept for the session: the mapping can be corrected right after choosing it', async ({
  page,
}) => {
  await rememberTokenForHub(page, null);
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await page.getByLabel('Local file').check();
  await page
    .getByLabel('Parquet, CSV or JSON Lines file')
    .setInputFiles('public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet');
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('train-00000-of-00001.parquet', {
    timeout: 60_000,
  });
  await page.getByText('Correct the column mapping').click();
  await page.getByLabel('volume (blank: none)').fill('');
  await page.getByRole('button', { name: 'Reload with this mapping' }).click();
  await expect(page.getByTestId('summary-mapping')).toContainText('volume ← none', { timeout: 60_000 });
  await expect(page.getByTestId('data-error')).toHaveCount(0);
  // still there after another source and a visit to another panel
  await page.getByLabel('Built-in sample (offline)').check();
  await page.getByRole('button', { name: 'Load sample' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Settings' }).click();
  // what Settings says about tokens is how they are kept: per hub, sent elsewhere only when confirmed
  await expect(
    page.getByText(
      'An access token is kept for the hub it was entered for and sent to another hub only after you confirm it.',
    ),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByLabel('Local file').check();
  await expect(page.getByText('Chosen: train-00000-of-00001.parquet')).toBeVisible();
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('train-00000-of-00001.parquet', {
    timeout: 60_000,
  });
});
