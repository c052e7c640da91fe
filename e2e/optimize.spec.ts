import { expect, test } from '@playwright/test';

test('a small GA run on the built-in sample: history chart, in/out-of-sample table, saved artifact', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/#/optimize');
  await expect(page.getByRole('button', { name: 'Run Optimizer' })).toBeEnabled({ timeout: 60_000 });
  await page.getByLabel('Population').fill('8');
  await page.getByLabel('Generations').fill('3');
  await page.getByLabel('Train window').fill('90d');
  await page.getByLabel('Test window').fill('30d');
  await page.getByLabel('Latest folds to run (0: all)').fill('1');
  await page.getByRole('button', { name: 'Run Optimizer' }).click();
  await expect(page.getByTestId('ga-result')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('ga-history-chart')).toHaveAttribute('data-ready', 'true');
  const table = page.getByTestId('ga-inout-table');
  await expect(table).toContainText(/in-sample/i);
  await expect(table).toContainText(/out-of-sample/i);
  await expect(page.getByTestId('ga-weights-table')).toBeVisible();
  await expect(page.getByTestId('ga-dsr')).toBeVisible();
  const runId = (await page.getByTestId('ga-run-id').textContent())!.trim();
  expect(runId).toMatch(/^optimize_\d{8}_\d{6}/);
  await page.getByRole('tab', { name: 'Artifacts' }).click();
  await expect(page.getByTestId('runs-table')).toContainText(runId);
});

test('a window it cannot read is named beside the Train window field, and the mark goes once it is fixed', async ({
  page,
}) => {
  await page.goto('/#/optimize');
  const run = page.getByRole('button', { name: 'Run Optimizer' });
  await expect(run).toBeEnabled({ timeout: 60_000 });
  const train = page.getByLabel('Train window');
  await train.fill('abc');
  await run.click();
  await expect(train).toHaveAttribute('aria-invalid', 'true');
  await expect(train).toHaveAccessibleDescription(/Train window: cannot read "abc"/);
  const field = page.locator('div', { has: train }).last();
  await expect(field.getByRole('alert')).toHaveText(/Train window: cannot read "abc"/);
  await expect(page.getByTestId('ga-error')).toHaveCount(0);
  await expect(page.getByTestId('ga-result')).toHaveCount(0);
  await train.fill('90d');
  await expect(train).not.toHaveAttribute('aria-invalid', 'true');
});

test("the worker's check of a window against the bar size stands beside the Test window field", async ({
  page,
}) => {
  await page.goto('/#/optimize');
  const run = page.getByRole('button', { name: 'Run Optimizer' });
  await expect(run).toBeEnabled({ timeout: 60_000 });
  const testWindow = page.getByLabel('Test window');
  // 90 minutes reads as a window, but is not a whole number of the sample's hourly bars
  await testWindow.fill('90m');
  await run.click();
  await expect(testWindow).toHaveAttribute('aria-invalid', 'true');
  await expect(testWindow).toHaveAccessibleDescription(
    /test_window: window "90m" is not a whole number of 1h bars/,
  );
  await expect(page.getByTestId('ga-error')).toHaveCount(0);
  await testWindow.fill('30d');
  await expect(testWindow).not.toHaveAttribute('aria-invalid', 'true');
});
