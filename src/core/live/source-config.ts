/**
 * Where a live session's bars come from, as live.start receives it (snake_case, stored with the
 * session), and its check. Kept apart from the job so the start form can check a source with
 * the same rules without loading the live loop.
 */
import { InputError } from '../errors';
import { parseWindow } from '../split/windows';

/**
 * A Hugging Face dataset re-resolved on each poll (new commits append bars). Its access token
 * is never part of the config (a session stores its config): the caller passes it beside it.
 */
export interface HubLiveSourceConfig {
  kind: 'hub';
  /** owner/name */
  dataset: string;
  /** branch, tag or commit (default main) */
  revision?: string;
  hub_url: string;
  /** the bar size, e.g. 1h */
  interval?: string;
  /** re-read the dataset at least this often (s; default: the session's poll_every_s) */
  refresh_s?: number;
}

export interface KlineLiveSourceConfig {
  kind: 'kline';
  /** e.g. https://api.binance.com, or the local replay server */
  base_url: string;
  /** the exchange's symbol (default: the symbol without '/', e.g. BTCUSDT) */
  exchange_symbol?: string;
  /** default '1h' */
  interval?: string;
}

export type LiveSourceConfig = KlineLiveSourceConfig | HubLiveSourceConfig;

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s?#]*$/;
const DATASET_ID = /^[\w.-]+\/[\w.-]+$/;

/** Checks a source config as live.start receives it; throws InputError naming the field. */
export function checkLiveSource(cfg: LiveSourceConfig): void {
  const kind = (cfg as { kind?: unknown } | null)?.kind;
  if (kind === 'hub') {
    const c = cfg as HubLiveSourceConfig;
    if (typeof c.dataset !== 'string' || !DATASET_ID.test(c.dataset.trim()))
      throw new InputError(
        'source.dataset',
        'Name the dataset as owner/name, e.g. lab/binance-ohlcv-1h-btc-eth.',
      );
    if (typeof c.hub_url !== 'string' || !HTTP_URL.test(c.hub_url.trim()))
      throw new InputError(
        'source.hub_url',
        'Give the hub URL (http:// or https://), e.g. https://huggingface.co.',
      );
    if (c.revision !== undefined && (typeof c.revision !== 'string' || /\s/.test(c.revision.trim())))
      throw new InputError('source.revision', 'A revision is a branch, tag or commit, without spaces.');
    if (c.refresh_s !== undefined && !(Number.isFinite(c.refresh_s) && c.refresh_s >= 1))
      throw new InputError('source.refresh_s', 'Refresh at most once a second (refresh_s >= 1).');
  } else if (kind === 'kline') {
    const c = cfg as KlineLiveSourceConfig;
    if (typeof c.base_url !== 'string' || !HTTP_URL.test(c.base_url.trim()))
      throw new InputError('source.base_url', 'Give the source URL (http:// or https://).');
  } else throw new InputError('source', `unknown source kind ${String(kind)}: use 'kline' or 'hub'.`);
  if (cfg.interval !== undefined) parseWindow(cfg.interval, 1, 'source.interval');
}
