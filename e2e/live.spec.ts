import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// The Live panel against the local kline replay server (playwright.config.ts starts it on port
// 5175; one more closed bar every 1.5 s): a session starts, bars arrive with predictions, signals
// and paper fills, and after a reload mid-session it resumes at app start (on another panel)
// with the same ledger.
const REPLAY = 'http://127.0.0.1:5175';

async function trainGbc(page: Page): Promise<string> {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByRole('checkbox', { name: 'BTC/USDT' }).check();
  await page.getByLabel('Model').selectOption('gbc');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 120_000 });
  return (await page.getByTestId('trained-model-id').textContent())!;
}

async function ledgerCsv(page: Page): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Ledger CSV' }).click(),
  ]);
  return (await readFile((await download.path())!, 'utf8')).trim().split('\n');
}

test('a live session: bars arrive, signals and fills, and a reload resumes it with the same ledger', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const modelId = await trainGbc(page);
  // the replay clock: 300 bars before the sample's end (other specs may have let it run)
  await request.post(`${REPLAY}/__replay/clock`, { data: { index: -300 } });

  await page.goto('/#/live');
  await expect(page.getByTestId('live-rules')).toContainText('never places real orders');
  await expect(page.getByTestId('live-rules')).toContainText('The tab must stay open');
  const form = page.getByRole('form', { name: 'Start a live session' });
  await form.getByLabel('Model').selectOption(modelId);
  // a dataset source is offered and checked before anything starts
  await form.getByRole('combobox', { name: 'Source', exact: true }).selectOption('hub');
  await form.getByLabel('Dataset', { exact: true }).fill('binance');
  await form.getByRole('button', { name: 'Start session' }).click();
  await expect(form.getByTestId('live-form-error')).toContainText('owner/name');
  await expect(form.getByLabel('Dataset', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('combobox', { name: 'Source', exact: true }).selectOption('kline');
  await form.getByLabel('Kline source URL').fill(REPLAY);
  await form.getByLabel('Train window').fill('30d');
  await form.getByLabel('Retrain every (test window)').fill('2d');
  await form.getByLabel('Buy threshold').fill('0.5');
  await form.getByLabel('Sell threshold').fill('0.5');
  await form.getByLabel('Poll at least every (s)').fill('1');
  await form.getByRole('button', { name: 'Start session' }).click();

  const card = page.getByTestId('live-session').first();
  await expect(card.getByTestId('live-count')).not.toHaveText('0', { timeout: 60_000 });
  await expect
    .poll(async () => Number(await card.getByTestId('live-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(4);
  await expect(card.getByTestId('live-prediction')).toHaveText(/^0\.\d{4}$/);
  await expect(card.getByTestId('live-signal')).toHaveText(/long|flat/);
  await expect(card.getByTestId('live-state')).toContainText(/Waiting|Catching up/);
  await expect(card.getByTestId('live-price')).toBeVisible();
  await expect(card.getByTestId('live-equity')).toBeVisible();
  await expect
    .poll(async () => (await ledgerCsv(page)).slice(1).some((l) => l.split(',')[8] !== ''), {
      timeout: 60_000,
    })
    .toBe(true); // a paper fill
  const before = await ledgerCsv(page);

  // reloaded on the Data panel: the session resumes at app start and polls the source again
  await page.evaluate(() => (window.location.hash = '#/data'));
  await page.reload();
  await request.post(`${REPLAY}/__replay/reset`); // the request log from here on: the new page's
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${REPLAY}/__replay/requests`)).json()) as string[]).some((p) =>
          p.startsWith('/api/v3/klines'),
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.getByRole('tab', { name: 'Live' }).click();
  const again = page.getByTestId('live-session').first();
  await expect
    .poll(async () => Number(await again.getByTestId('live-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThan(before.length - 1 + 1);
  const after = await ledgerCsv(page);
  // the bars before the reload are exactly as they were; the rest continues from there
  expect(after.slice(0, before.length)).toEqual(before);
  const times = after.slice(1).map((l) => Date.parse(l.split(',')[0]));
  expect(times.every((t, k) => k === 0 || t >= times[k - 1])).toBe(true);

  await again.getByRole('button', { name: 'Stop' }).click();
  await expect(again.getByTestId('live-state')).toContainText('Stopped', { timeout: 30_000 });
});
