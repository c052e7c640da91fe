import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';

test.describe.configure({ mode: 'serial' });

async function trainGbc(page: Page) {
  await page.goto('/#/train');
  await expect(page.getByTestId('train-dataset')).toContainText('sample/', { timeout: 60_000 });
  await page.getByLabel('Model').selectOption('gbc');
  await page.getByText('Advanced').click();
  await page.getByLabel('Trees (n_estimators)').fill('20');
  await page.getByRole('button', { name: 'Start Training' }).click();
  await expect(page.getByTestId('trained-model-id')).toBeVisible({ timeout: 120_000 });
  return (await page.getByTestId('trained-model-id').textContent())!;
}

async function backtest(page: Page, modelId: string, fees: string) {
  await page.goto('/#/backtest');
  await page.getByLabel('Model', { exact: true }).selectOption(modelId);
  await page.getByRole('checkbox', { name: 'ETH/USDT' }).uncheck();
  await page.getByLabel('Test window', { exact: true }).fill('120d');
  await page.getByLabel('Fees (bps per fill)').fill(fees);
  await page.getByRole('button', { name: 'Run Walk-Forward Backtest' }).click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 120_000 });
  return {
    runId: (await page.getByTestId('run-id').textContent())!,
    ret: (await page.getByTestId('kpi-total_return_pct').locator('.kpi-value').textContent())!,
  };
}

test('compare two runs, export a bundle, clear the site, import it back, same results; a bad bundle is refused', async ({
  page,
}, info) => {
  test.setTimeout(400_000);
  const modelId = await trainGbc(page);
  const a = await backtest(page, modelId, '5');
  await page.waitForTimeout(1100); // run ids carry the second
  const b = await backtest(page, modelId, '20');

  await page.goto('/#/artifacts');
  await page.getByRole('checkbox', { name: `Select ${a.runId}` }).check();
  await page.getByRole('checkbox', { name: `Select ${b.runId}` }).check();
  await page.getByRole('button', { name: 'Compare selected (2)' }).click();
  await expect(page.getByTestId('compare-metrics')).toContainText(a.runId);
  await expect(page.getByTestId('compare-chart')).toHaveAttribute('data-ready', 'true');
  await expect(
    page.getByTestId('compare-config').locator('tr[data-differs="true"]').filter({ hasText: 'fees_bps' }),
  ).toHaveCount(1);

  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export everything' }).click(),
  ]);
  const bundlePath = info.outputPath('bundle.zip');
  await dl.saveAs(bundlePath);

  // clear the site's data: the database and local storage
  await page.evaluate(async () => {
    localStorage.clear();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase('candle-lab');
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  });
  await page.reload();
  await page.goto('/#/artifacts');
  await expect(page.getByText('No runs yet.')).toBeVisible({ timeout: 30_000 });

  // a corrupted bundle is refused and writes nothing
  const bytes = await readFile(bundlePath);
  const bad = Buffer.from(bytes);
  bad[Math.floor(bad.length / 2)] ^= 0xff;
  const badPath = info.outputPath('bad.zip');
  await writeFile(badPath, bad);
  await page.getByLabel('Import a bundle (.zip)').setInputFiles(badPath);
  await expect(page.getByTestId('bundle-message')).toContainText(/refused|could not|invalid|corrupt/i, {
    timeout: 30_000,
  });
  await expect(page.getByText('No runs yet.')).toBeVisible();

  await page.getByLabel('Import a bundle (.zip)').setInputFiles(bundlePath);
  // the import's outcome outlives the panel: leave the tab at once and come back
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Artifacts' }).click();
  await expect(page.getByTestId('bundle-message')).toContainText('Imported', { timeout: 60_000 });
  await expect(page.getByTestId('runs-table')).toContainText(a.runId);
  await page.getByRole('row').filter({ hasText: a.runId }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('kpi-total_return_pct').locator('.kpi-value')).toHaveText(a.ret);
  // the imported run draws its trades on its own prices (kept in the run as prices.csv)
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('job-log').locator('summary').click();
  await expect(page.getByTestId('job-log')).toContainText('saving run');
  await page.goto('/#/models');
  await expect(page.getByTestId('models-table')).toContainText(modelId);
});
