/// <reference lib="webworker" />
/**
 * A forest pool worker: holds one forest job (binned rows, labels, params) and builds the tree
 * ranges the pool hands it, posting a tick after every tree and the part (transferred) at the end.
 * Spawned by workers/forest-pool.ts from inside the pipeline worker.
 */
import { fitForestTrees, type ForestJob } from '../src/core/models/trees';
import type { ForestRequest, ForestResponse } from './forest-pool';
import { InternalError, toErrorPayload } from '../src/core/errors';

let job: ForestJob | null = null;

const post = (msg: ForestResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

self.onmessage = async (e: MessageEvent<ForestRequest>) => {
  const msg = e.data;
  if (msg.type === 'load') {
    job = msg.job;
    return;
  }
  try {
    if (!job) throw new InternalError('forest worker: no job loaded');
    const part = await fitForestTrees({
      ...job,
      treeRange: msg.range,
      onProgress: () => post({ type: 'tree', run: msg.run }),
    });
    const en = part.ensemble;
    const buffers = [en.treeStart, en.feature, en.threshold, en.left, en.value, en.gain].flatMap((a) =>
      a ? [a.buffer] : [],
    );
    post({ type: 'part', run: msg.run, part }, buffers);
  } catch (err) {
    post({ type: 'error', run: msg.run, error: toErrorPayload(err) });
  }
};
