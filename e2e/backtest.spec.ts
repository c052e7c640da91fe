import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

test.describe.configure({ mode: 'serial' });

async function train(page: Page, model: string, params: Record<string, string> = {}) {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  for (const s of ['BTC/USDT', 'ETH/USDT']) await page.getByRole('checkbox', { name: s }).check();
  await page.getByLabel('Model').selectOption(model);
  if (Object.keys(params).length) {
    await page.getByText('Advanced').click();
    for (const [label, v] of Object.entries(params)) await page.getByLabel(label).fill(v);
  }
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 120_000 });
  return (await page.getByTestId('trained-model-id').textContent())!;
}

test('gbc walk-forward on both symbols of the sample: progress per fold, KPIs, charts, downloads', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const modelId = await train(page, 'gbc');
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await expect(page.getByRole('checkbox', { name: 'BTC/USDT' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'ETH/USDT' })).toBeChecked();
  await page.getByRole('button', { name: 'Show fold plan' }).click();
  await expect(page.getByTestId('fold-plan')).toContainText('folds × 2 symbol(s)');
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('progress-text')).toContainText(/fold/, { timeout: 60_000 });
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('run-id')).toHaveText(/^backtest_\d{8}_\d{6}/);
  const ret = await page.getByTestId('kpi-total_return_pct').locator('.kpi-value').textContent();
  expect(ret).toMatch(/^-?\d+\.\d\d%$/);
  for (const id of ['equity-chart', 'price-chart', 'folds-chart', 'bt-importance-chart'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('trades-table')).toBeVisible();

  // report.json and trades.csv download and hold what the screen shows
  const [reportDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^report\.json/ }).click(),
  ]);
  const report = JSON.parse(await readFile((await reportDl.path())!, 'utf8'));
  expect(report.config.model.kind).toBe('gbc');
  expect(report.config.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
  expect(report.plan.fold_count).toBeGreaterThanOrEqual(38);
  expect(`${report.results.total_return_pct.toFixed(2)}%`).toBe(ret);
  const [tradesDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^trades\.csv/ }).click(),
  ]);
  const csv = (await readFile((await tradesDl.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(csv[0]).toBe(
    'symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,slippage,pnl,return_pct,bars_held,fold',
  );
  expect(csv.length - 1).toBe(report.results.total_trades);
});

test('sgdc with online learning and Save Updated Model', async ({ page }) => {
  test.setTimeout(300_000);
  const modelId = await train(page, 'sgdc', { 'Epochs (max_iter)': '5' });
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Test window', { exact: true }).fill('90d');
  await page.getByRole('checkbox', { name: 'Enable Online Learning' }).check();
  await page.getByRole('checkbox', { name: 'Save Updated Model' }).check();
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('updated-models')).toContainText(`${modelId}_updated_`);
  await page.goto('/#/models');
  await expect(page.getByTestId('models-table')).toContainText(`${modelId}_updated_`);

  // its Details render; the sections an updated model cannot have say why
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page
    .getByTestId('models-table')
    .getByRole('row', { name: new RegExp(`${modelId}_updated_`) })
    .getByRole('button', { name: 'Details' })
    .click();
  await expect(page.getByTestId('model-detail')).toBeVisible();
  await expect(page.getByTestId('updated-origin')).toContainText(`updated from ${modelId}`);
  await expect(page.getByTestId('model-detail')).toContainText(
    'Train/validation split: not available (an updated model has no train/validation split',
  );
  await expect(page.getByTestId('metric-rocAuc')).toContainText('no baseline');
  await expect(page.getByTestId('model-detail-invalid')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a mistake shows beside its field; a running backtest survives leaving its tab; the run says how it traded and keeps its log', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const modelId = await train(page, 'gbc', { 'Trees (n_estimators)': '20' });
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  const trainWindow = page.getByLabel('Train window', { exact: true });
  await trainWindow.fill('three weeks');
  await page.getByRole('button', { name: 'Show fold plan' }).click();
  await expect(trainWindow).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error')).toContainText('train_window');
  await trainWindow.fill('365d');
  await page.getByLabel('Test window', { exact: true }).fill('60d');

  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('progress-text')).toContainText(/fold/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByTestId('models-table')).toBeVisible();
  await page.getByRole('tab', { name: 'Backtest' }).click();
  // the job's state outlives the panel: its progress or its result is there on return
  await expect(page.getByTestId('progress-text').or(page.getByTestId('backtest-result'))).toBeVisible();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByLabel('Train window', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  const mode = page.getByTestId('run-mode');
  await expect(mode).toContainText('long only');
  await expect(mode).toContainText("fills at the next bar's open");
  await expect(mode).toContainText('per-fill accounting');
  await page.getByTestId('job-log').locator('summary').click();
  await expect(page.getByTestId('job-log')).toContainText('dataset sample/binance-ohlcv-1h-btc-eth');
  await expect(page.getByTestId('job-log')).toContainText(/fold\(s\) fitted and assembled \(\d+\.\d+ s\)/);
});
