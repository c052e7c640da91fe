import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

test.describe.configure({ mode: 'serial' });

async function train(page: Page, model: string, params: Record<string, string>) {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Model').selectOption(model);
  const first = page.getByLabel(Object.keys(params)[0]);
  if (!(await first.isVisible())) await page.getByText('Advanced').click(); // it stays open once opened
  for (const [label, v] of Object.entries(params)) await page.getByLabel(label).fill(v);
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 60_000 });
  return (await page.getByTestId('trained-model-id').textContent())!;
}

async function backtest(page: Page, modelId: string) {
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Test window', { exact: true }).fill('180d');
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 60_000 });
  return (await page.getByTestId('run-id').textContent())!;
}

test('A/B: gbc vs sgdc backtests compared with a verdict and intervals; the ML signal with and without', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const gbc = await train(page, 'gbc', { 'Trees (n_estimators)': '10' });
  const sgdc = await train(page, 'sgdc', { 'Epochs (max_iter)': '3' });
  const a = await backtest(page, gbc);
  await page.waitForTimeout(1100); // run ids carry the second
  const b = await backtest(page, sgdc);

  await page.goto('/#/artifacts');
  await page.getByRole('checkbox', { name: `Select ${a}` }).check();
  await page.getByRole('checkbox', { name: `Select ${b}` }).check();
  await page.getByRole('button', { name: 'Compare selected (2)' }).click();
  await page.getByRole('button', { name: 'Test the differences' }).click();
  const verdict = page.getByTestId('ab-verdict');
  await expect(verdict).toHaveText(/^(.+ is better|Neither is shown better)\. .+ vs .+: Sharpe [+-]\d/, {
    timeout: 60_000,
  });
  await expect(verdict).toContainText('Diebold-Mariano p =');
  await expect(page.getByTestId('ab-intervals')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('ab-cumulative')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('ab-stats')).toContainText('ledoit_wolf');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId('ab-report')
      .getByRole('button', { name: /^report\.json/ })
      .click(),
  ]);
  const path = info.outputPath('report.json');
  await dl.saveAs(path);
  const report = JSON.parse(await readFile(path, 'utf8')) as {
    format: string;
    config: { run_ids: string[] };
  };
  expect(report.format).toBe('ab-report/1');
  expect(report.config.run_ids).toEqual([a, b]);
  await expect(page.getByTestId('ab-report').getByTestId('ab-mcs')).toContainText(
    'Model confidence set (90%',
  );

  // the with/without-ML experiment on the saved gbc model
  const ml = page.getByTestId('ml-signal-ab');
  await ml.locator('summary').click();
  await ml.getByLabel('Model', { exact: true }).selectOption(gbc);
  await ml.getByLabel("Model's test window").fill('180d');
  await ml.getByLabel('Latest folds').fill('4');
  await ml.getByLabel('Population').fill('8');
  await ml.getByLabel('Generations').fill('3');
  await ml.getByRole('button', { name: 'Run the A/B' }).click();
  const lines = ml.getByTestId('ab-verdict');
  await expect(lines).toHaveCount(2, { timeout: 90_000 });
  await expect(lines.first()).toContainText('B vs A: Sharpe');
  await expect(lines.nth(1)).toContainText('C vs A: Sharpe');
  await expect(ml.getByTestId('ab-intervals')).toHaveAttribute('data-ready', 'true');
  await expect(ml.getByTestId('ab-report')).toContainText('never an in-sample fit');

  // the Optimize panel offers the same model's signal to blend
  await page.getByRole('tab', { name: 'Optimize' }).click();
  await page.getByRole('checkbox', { name: /^model a model's prediction/ }).check();
  await expect(
    page.getByLabel("Model of the 'model' signal").locator('option', { hasText: gbc }),
  ).toHaveCount(1);
});
