import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A local CSV picked on the Data panel: the File goes to the worker, which reads and parses it
 * in chunks; the progress bar shows the bytes read, and the summary shows the file's bars.
 * The CSV is the repo's real sample (its parquet, decoded here) with both symbols in one file.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = path.resolve(
  here,
  '../public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet',
);

async function sampleCsv(): Promise<Buffer> {
  const { readParquet } = await import('parquet-wasm/node');
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(readParquet(new Uint8Array(readFileSync(SAMPLE))).intoIPCStream());
  const cols = ['timestamp', 'symbol', 'open', 'high', 'low', 'close', 'volume'].map((n) =>
    table.getChild(n)!.toArray(),
  );
  const lines = ['timestamp,symbol,open,high,low,close,volume'];
  for (let i = 0; i < table.numRows; i++) {
    const t = new Date(Number(cols[0][i])).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(
      `${t}+00:00,${cols
        .slice(1)
        .map((c) => String(c[i]))
        .join(',')}`,
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

test('a local CSV file loads in the worker with byte progress', async ({ page }) => {
  const csv = await sampleCsv();
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await page.getByLabel('Local file').check();
  await page
    .getByLabel('Parquet, CSV or JSON Lines file')
    .setInputFiles({ name: 'binance-pairs-1h.csv', mimeType: 'text/csv', buffer: csv });
  // record every progress text the bar shows while the file loads
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="progress-text"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('binance-pairs-1h.csv', { timeout: 60_000 });
  await expect(page.getByTestId('summary-symbols')).toHaveText('BTC/USDT, ETH/USDT');
  await expect(page.getByTestId('validation-table')).toContainText('37,660');
  const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
  const mib = (csv.length / 1048576).toFixed(1);
  expect(
    seen.some((t) => new RegExp(`read · binance-pairs-1h\\.csv: [\\d.]+ MiB of ${mib} MiB`).test(t)),
  ).toBe(true);
});

test('a local file without a symbol column: the symbol taken from its name is shown and can be corrected', async ({
  page,
}) => {
  // the first 500 BTC/USDT bars of the sample, without the symbol column, in a file whose name is no symbol
  const rows = (await sampleCsv()).toString().split('\r\n');
  const btc = rows.filter((l) => l.split(',')[1] === 'BTC/USDT').slice(0, 500);
  const csv = Buffer.from(
    [
      'timestamp,open,high,low,close,volume',
      ...btc.map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== 1)
          .join(','),
      ),
    ].join('\n') + '\n',
  );
  await page.goto('/#/data');
  await expect(page.getByTestId('summary-dataset')).toHaveText('sample/binance-ohlcv-1h-btc-eth', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('file-symbol-note')).toHaveCount(0);
  await page.getByLabel('Local file').check();
  await page
    .getByLabel('Parquet, CSV or JSON Lines file')
    .setInputFiles({ name: 'nan_empty.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('summary-dataset')).toHaveText('nan_empty.csv', { timeout: 60_000 });
  await expect(page.getByTestId('summary-symbols')).toHaveText('NAN/EMPTY');
  await expect(page.getByTestId('file-symbol-note')).toContainText(
    'loaded as NAN/EMPTY, a symbol taken from the file name',
  );
  const symbol = page.getByLabel('Symbol of nan_empty.csv');
  await expect(symbol).toHaveValue('NAN/EMPTY');
  await symbol.fill('btcusdt');
  await page.getByRole('button', { name: 'Load with this symbol' }).click();
  await expect(page.getByTestId('summary-symbols')).toHaveText('BTC/USDT', { timeout: 60_000 });
  await expect(page.getByTestId('file-symbol-note')).toContainText(
    'loaded as BTC/USDT, the symbol you entered',
  );
  await expect(page.getByTestId('validation-table')).toContainText('500');
});
