import { expect, test } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

test('train gbc on the built-in sample: progress to 100%, metrics against the baseline, charts', async ({
  page,
}) => {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await page.getByLabel('Model').selectOption('gbc');
  await page.getByRole('button', { name: 'Start Training' }).click();
  // progress with stage names is shown while it runs (gbc on 2 symbols takes a moment in SwiftShader's worker)
  await expect(page.getByTestId('progress-text').or(page.getByTestId('train-result'))).toBeVisible();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('trained-model-id')).toHaveText(/^gbc_classification_\d{8}_\d{6}/);
  const auc = Number(await page.getByTestId('metric-rocAuc').locator('.kpi-value').textContent());
  expect(auc).toBeGreaterThan(0.3);
  expect(auc).toBeLessThan(0.8);
  await expect(page.getByTestId('metric-rocAuc')).toContainText('baseline 0.5000');
  await expect(page.getByTestId('confusion-chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('importance-chart')).toHaveAttribute('data-ready', 'true');
});

test('cancel a training run midway: nothing saved, the app stays usable', async ({ page }) => {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Model').selectOption('rfc');
  await page.getByText('Advanced').click();
  await page.getByLabel('Trees (n_estimators)').fill('3000');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('progress-text')).toContainText('training', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('train-cancelled')).toBeVisible({ timeout: 15_000 });
  // the worker still answers: a small training right after succeeds
  await page.getByLabel('Trees (n_estimators)').fill('10');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('trained-model-id')).toHaveText(/^rfc_classification_/);
});

test('a mistake in the request shows beside its field, with the category of the failure', async ({
  page,
}) => {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  const valid = page.getByLabel('Valid window', { exact: true });
  await valid.fill('soon');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(valid).toHaveAttribute('aria-invalid', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('train-error')).toHaveAttribute('data-category', 'input');
  await valid.fill('30d');
});
