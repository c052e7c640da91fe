import { expect, test } from '@playwright/test';

test('a small gbc study on the sample: progress, survives a reload mid-study, best saved as a model, top 3 built into an ensemble and backtested', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/#/tune');
  await expect(page.getByTestId('tune-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Model kind').selectOption('gbc');
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await page.getByLabel('Trials', { exact: true }).fill('8');
  await page.getByLabel('Parallel trials').fill('2');
  await page.getByLabel('Train window').fill('3000');
  await page.getByLabel('Test window').fill('500');
  await page.getByLabel('Max folds').fill('8');
  await page.getByLabel('n_estimators low').fill('40');
  await page.getByLabel('n_estimators high').fill('80');
  await page.getByLabel('max_depth low').fill('3');
  await page.getByLabel('max_depth high').fill('4');
  await page.getByRole('button', { name: 'Start study' }).click();

  // progress with trials done / pruned / running, then a reload in the middle of the study
  await expect(page.getByTestId('tune-counts')).toContainText(
    /[2-5] of 8 trials done, \d+ pruned, \d+ running/,
    {
      timeout: 60_000,
    },
  );
  await page.reload();
  await expect(page.getByTestId('tune-dataset')).toContainText('sample/', { timeout: 60_000 });
  const unfinished = page.getByTestId('unfinished-studies');
  await expect(unfinished).toContainText(/tune_gbc_\d{8}_\d{6} \(gbc, [2-7]\/8 trials stored/);
  await unfinished.getByRole('button', { name: 'Resume' }).first().click();

  await expect(page.getByTestId('study-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('trials-table').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('study-stats')).toContainText('8 trials tried');
  await expect(page.getByTestId('eval-sharpe')).toHaveText(/^-?\d+\.\d{3}$/);
  await expect(page.getByTestId('trial-history-chart')).toHaveAttribute('data-ready', 'true');

  await page.getByRole('button', { name: 'Save best as model' }).click();
  await expect(page.getByTestId('best-saved')).toContainText(
    /Saved as model gbc_classification_\d{8}_\d{6}/,
    {
      timeout: 60_000,
    },
  );

  // an ensemble of the top 3 complete trials: refused for more members than complete trials,
  // then trained, saved and backtested on the study's folds
  const topk = page.getByTestId('topk-ensemble');
  await topk.getByLabel('Ensemble size k').fill('9');
  await topk.getByRole('button', { name: 'Build an ensemble from the top k' }).click();
  await expect(topk.getByRole('alert')).toContainText(/complete trial\(s\).*top 9 needs 9/);
  await topk.getByLabel('Ensemble size k').fill('3');
  await topk.getByRole('button', { name: 'Build an ensemble from the top k' }).click();
  await expect(page.getByTestId('topk-built')).toContainText(
    /Saved ensemble ensemble_classification_\d{8}_\d{6} of trials #\d+, #\d+, #\d+/,
    { timeout: 60_000 },
  );
  const ensembleId = (await page.getByTestId('topk-built').locator('code').textContent())!;
  await expect(page.getByTestId('topk-sharpe')).toHaveText(/^-?\d+\.\d{3}$/, { timeout: 60_000 });
  await expect(page.getByTestId('topk-table')).toContainText(/run backtest_\d{8}_\d{6}/);

  await page.goto('/#/models');
  await expect(page.getByRole('table').first()).toContainText('gbc_classification_');
  await expect(page.getByRole('table').first()).toContainText(ensembleId);
});
