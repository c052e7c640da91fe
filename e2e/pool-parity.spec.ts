/**
 * The walk-forward gives the same run on the browser's worker pool as in Node with the
 * in-process executor: the report the app downloads is replayed through the same core code in
 * this (Node) test process on the same real bars, and every headline number must agree.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { loadSampleBars } from '../src/core/test-utils/sample';
import { runWalkForward } from '../src/core/walkforward/run';
import type { WalkForwardRequest } from '../src/core/walkforward/types';

test('a backtest on the worker pool in Chromium equals the same request run in process in Node', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Model').selectOption('gbc');
  await page.getByText('Advanced').click();
  await page.getByLabel('Trees (n_estimators)').fill('15');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 120_000 });
  const modelId = (await page.getByTestId('trained-model-id').textContent())!;

  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Test window', { exact: true }).fill('180d');
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 180_000 });
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^report\.json/ }).click(),
  ]);
  const report = JSON.parse(await readFile((await dl.path())!, 'utf8'));
  expect(report.plan.fold_count).toBeGreaterThan(4);

  const node = await runWalkForward({
    request: report.config as WalkForwardRequest,
    bars: [loadSampleBars('BTC/USDT')],
  });
  expect(node.plan.fold_count).toBe(report.plan.fold_count);
  for (const key of [
    'total_return_pct',
    'sharpe_ratio',
    'max_drawdown_pct',
    'total_trades',
    'win_rate',
  ] as const)
    expect(report.results[key], key).toBeCloseTo(node.results[key] ?? NaN, 9);
  expect(report.model_metrics.auc).toBeCloseTo(node.model_metrics.auc ?? NaN, 12);
});
