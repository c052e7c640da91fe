/**
 * The worker's `data` namespace: load a hub dataset, the built-in sample or a local file;
 * hand bar columns to the chart; manage the download cache. Thin delegates into src/core.
 */
import { InternalError } from '../src/core/errors';
import { proxy, transfer } from 'comlink';
import type { LoadOptions, LoadRequest } from '../src/core/data/load';
import { SAMPLE_DATASET } from '../src/core/pipeline/datasets';
import type { ProgressFn } from '../src/core/util/progress';
import { parquetModule } from './env/parquet';
import { fileCache } from './env/store';
import { jobs } from './jobs';
import { datasets } from './env/session';

export interface HubLoadRequest extends LoadRequest {
  hubUrl: string;
  /** kept in memory for this call only; sent only to hubUrl */
  accessToken?: string;
  cachePolicy?: 'network-first' | 'cache-first';
}

export const dataApi = proxy({
  loadHub: (req: HubLoadRequest, onProgress: ProgressFn, jobId?: string) =>
    jobs.run(jobId, 'load', onProgress, async ({ signal: cancel, progress }) => {
      const { hubUrl, accessToken, cachePolicy, ...request } = req;
      const parquet = await parquetModule();
      return datasets.loadHub(
        request,
        { hubUrl, accessToken, parquet, cache: fileCache(), cancel, cachePolicy },
        progress,
      );
    }),

  /** The built-in real sample, shipped with the app (precached by the service worker). */
  loadSample: async (options: LoadOptions = {}) => {
    const url = new URL(`${import.meta.env.BASE_URL}${SAMPLE_DATASET.path}`, self.location.origin);
    const res = await fetch(url);
    if (!res.ok)
      throw new InternalError(`The built-in sample could not be read (${res.status} at ${url.pathname}).`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return datasets.loadLocal('train-00000-of-00001.parquet', bytes, {
      ...options,
      parquet: await parquetModule(),
      datasetId: SAMPLE_DATASET.id,
    });
  },

  /** A user's File, passed as is (not its bytes) and read here in chunks; a CSV is parsed as it is read. */
  loadLocal: (name: string, file: Blob, options: LoadOptions = {}, onProgress?: ProgressFn, jobId?: string) =>
    jobs.run(jobId, 'load', onProgress, async ({ signal: cancel, progress }) =>
      datasets.loadLocalSource(name, file, { ...options, parquet: await parquetModule(), cancel }, progress),
    ),

  sampleInfo: () => SAMPLE_DATASET,

  /** Bar columns of one symbol for the chart (transferred, not copied). */
  bars: (handle: string, symbol: string) => {
    const b = datasets.bars(handle, symbol);
    const cols = {
      symbol,
      time: b.time.slice(),
      open: b.open.slice(),
      high: b.high.slice(),
      low: b.low.slice(),
      close: b.close.slice(),
      volume: b.volume.slice(),
    };
    return transfer(cols, [
      cols.time.buffer,
      cols.open.buffer,
      cols.high.buffer,
      cols.low.buffer,
      cols.close.buffer,
      cols.volume.buffer,
    ]);
  },

  cache: proxy({
    list: () => fileCache().listDatasets(),
    remove: (hubUrl: string, dataset: string) => fileCache().deleteDataset(hubUrl, dataset),
    clear: () => fileCache().clear(),
  }),
});
