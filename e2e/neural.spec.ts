import { expect, test, type Page } from '@playwright/test';

// TensorFlow.js models on WebGPU (SwiftShader in headless Chromium: correct but slow, so small configurations).
async function trainSmall(page: Page, model: string, params: Record<string, string>) {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-backend')).toHaveText('webgpu', { timeout: 90_000 });
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Model').selectOption(model);
  await page.getByLabel('Train window').fill('60d');
  await page.getByLabel('Valid window').fill('10d');
  await page.getByText('Advanced').click();
  for (const [label, v] of Object.entries(params)) await page.getByLabel(label).fill(v);
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('train-result')).toContainText('Trained on webgpu');
  const auc = Number(await page.getByTestId('metric-rocAuc').locator('.kpi-value').textContent());
  expect(auc).toBeGreaterThan(0);
  expect(auc).toBeLessThan(1);
}

test('a small mlp trains on WebGPU with a live loss curve', async ({ page }) => {
  test.setTimeout(300_000);
  await trainSmall(page, 'mlp', {
    'Hidden layer widths (comma-separated)': '16,8',
    Epochs: '3',
    'Batch size': '128',
  });
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-ready', 'true');
  // the Models panel retrains it from its weights: the Train panel opens continuing from it
  const id = (await page.getByTestId('trained-model-id').textContent())!;
  await page.goto('/#/models');
  const row = page.getByTestId('models-table').getByRole('row').filter({ hasText: id });
  await row.getByRole('button', { name: 'Retrain from weights' }).click();
  await expect(page.getByLabel('Start from')).toHaveValue(id, { timeout: 30_000 });
  await page.getByText('Advanced').click();
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('trained-model-id')).toHaveText(/^mlp_classification_/);
  await expect(page.getByTestId('trained-model-id')).not.toHaveText(id);
});

test('WebGPU and cpu agree on a seeded MLP and transformer within the stated float32 tolerance', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/#/settings');
  await expect(page.getByTestId('settings-backend')).toHaveText('webgpu', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Check webgpu against cpu' })).toBeEnabled({
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Check webgpu against cpu' }).click();
  await expect(page.getByTestId('cross-check')).toContainText('agree: webgpu vs cpu', { timeout: 240_000 });
});

test('one page on WebGPU trains sgdc in batches of 64, then mlp, lstm and a transformer', async ({
  page,
}) => {
  // every fit shares the worker's one WebGPU device: none may leave it unusable for the next
  test.setTimeout(600_000);
  await page.goto('/#/train');
  await expect(page.getByTestId('train-backend')).toHaveText('webgpu', { timeout: 90_000 });
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Train window').fill('60d');
  await page.getByLabel('Valid window').fill('10d');
  const train = async (model: string, params: Record<string, string>) => {
    await page.getByLabel('Model').selectOption(model);
    const advanced = page.getByText('Advanced');
    if (!(await page.getByLabel(Object.keys(params)[0]).isVisible())) await advanced.click();
    for (const [label, v] of Object.entries(params)) await page.getByLabel(label).fill(v);
    await page.getByRole('button', { name: 'Start Training' }).click();
    await expect(page.getByTestId('train-result')).toContainText(`${model}_`, { timeout: 240_000 });
    await expect(page.getByTestId('train-result')).toContainText('Trained on webgpu');
  };
  // sgdc in batches of 64 runs on the tf engine (the benchmark's fit, on fewer rows and epochs)
  await train('sgdc', { 'Epochs (max_iter)': '2', 'Batch size': '64' });
  await train('mlp', { 'Hidden layer widths (comma-separated)': '8', Epochs: '2', 'Batch size': '128' });
  await train('lstm', { Epochs: '1', 'Batch size': '128', 'Sequence length (lstm)': '8' });
  await train('transformer', {
    'Sequence length (bars per window)': '8',
    'Model width (model_dim)': '8',
    'Attention heads (divide model_dim)': '2',
    'Feed-forward width': '8',
    Epochs: '2',
    'Batch size': '128',
  });
  const auc = Number(await page.getByTestId('metric-rocAuc').locator('.kpi-value').textContent());
  expect(auc).toBeGreaterThan(0);
  expect(auc).toBeLessThan(1);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-ready', 'true');
});

test('a short mlp walk-forward on WebGPU warm-starts its folds', async ({ page }) => {
  test.setTimeout(480_000);
  await trainSmall(page, 'mlp', {
    'Hidden layer widths (comma-separated)': '8',
    Epochs: '2',
    'Batch size': '128',
  });
  const modelId = (await page.getByTestId('trained-model-id').textContent())!;
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByLabel('Train window', { exact: true }).fill('30d');
  await page.getByLabel('Test window', { exact: true }).fill('600d');
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  // the folds of a symbol run as one warm-started chain
  await expect(page.getByTestId('progress-text')).toContainText('warm-started folds', { timeout: 120_000 });
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('run-id')).toHaveText(/^backtest_\d{8}_\d{6}/);
});
