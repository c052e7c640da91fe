/**
 * The hub form's values and their check: a draft as typed, turned into the hub source to
 * load, or an InputError naming the field to fix.
 */
import { InputError } from '../../../core/errors';
import type { HubSource } from '../../hooks/dataset-context';
import { DATASET_ID } from '../../deep-link';
import { hubOrigin } from '../../token-store';

export interface HubDraft {
  hubUrl: string;
  dataset: string;
  revision: string;
  pattern: string;
  config: string;
  split: string;
}

/** The source a draft describes; throws InputError (field: dataset, hub, token) for a mistake. */
export function hubSourceFrom(draft: HubDraft, token: string): HubSource {
  const dataset = draft.dataset.trim();
  if (!DATASET_ID.test(dataset))
    throw new InputError('dataset', 'Enter the dataset id as owner/name, e.g. lab/binance-ohlcv-1h-btc-eth.');
  const hubUrl = draft.hubUrl.trim().replace(/\/+$/, '');
  if (!hubOrigin(hubUrl))
    throw new InputError('hub', 'Enter the hub endpoint as a full http(s) URL, e.g. https://huggingface.co.');
  const tok = token.trim();
  if (tok && !tok.startsWith('hf_'))
    throw new InputError('token', 'Hugging Face access tokens start with "hf_". Check the token.');
  return {
    kind: 'hub',
    hubUrl,
    dataset,
    revision: draft.revision.trim() || undefined,
    pattern: draft.pattern.trim() || undefined,
    config: draft.config.trim() || undefined,
    split: draft.split.trim() || undefined,
  };
}
