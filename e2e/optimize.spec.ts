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
