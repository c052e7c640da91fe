import { expect, test, type Page } from '@playwright/test';

// Two small models trained on the Train panel become an ensemble on the Models panel (weights
// combiner), whose Details show its members, and a walk-forward backtest of it runs.

async function train(page: Page, model: string, params: Record<string, string>) {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByRole('checkbox', { name: 'BTC/USDT' }).check();
  await page.getByLabel('Model').selectOption(model);
  for (const [label, v] of Object.entries(params)) {
    const field = page.getByLabel(label);
    if (!(await field.isVisible())) await page.getByText('Advanced').click(); // the section stays open between trainings
    await field.fill(v);
  }
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 60_000 });
  return (await page.getByTestId('trained-model-id').textContent())!;
}

test('train two models, build an ensemble of them in the Models panel, backtest it', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const gbc = await train(page, 'gbc', { 'Trees (n_estimators)': '10' });
  const sgdc = await train(page, 'sgdc', { 'Epochs (max_iter)': '3' });
  // the Train form does not offer ensembles: they are built from saved models
  await expect(page.getByLabel('Model').locator('option[value="ensemble"]')).toHaveCount(0);

  await page.goto('/#/models');
  await page.getByRole('checkbox', { name: `Ensemble member ${gbc}` }).check();
  await expect(page.getByTestId('build-ensemble')).toContainText('Tick two or more');
  await page.getByRole('checkbox', { name: `Ensemble member ${sgdc}` }).check();
  await page.getByTestId('build-ensemble').getByLabel('Combiner').selectOption('weights');
  await page.getByRole('button', { name: 'Build ensemble' }).click();
  await expect(page.getByTestId('ensemble-built')).toBeVisible({ timeout: 60_000 });
  const id = (await page.getByTestId('ensemble-built').locator('code').textContent())!;
  expect(id).toMatch(/^ensemble_classification_/);
  await expect(page.getByTestId('models-table')).toContainText(id);

  const row = page.getByTestId('models-table').getByRole('row').filter({ hasText: id });
  await row.getByRole('button', { name: 'Details' }).click();
  const members = page.getByTestId('ensemble-members');
  await expect(members).toContainText('Ensemble (weights)');
  await expect(members).toContainText(gbc);
  await expect(members).toContainText(sgdc);

  await row.getByRole('button', { name: 'Use in backtest' }).click();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(id);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Test window', { exact: true }).fill('120d');
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-id')).toHaveText(/^backtest_\d{8}_\d{6}/);
  expect(errors).toEqual([]);
});
