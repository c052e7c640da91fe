// The source of a live session is checked where live.start receives it: each mistake is an
// InputError naming the field, before anything is fetched.
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { checkLiveSource, type LiveSourceConfig } from './source-config';

const hub = (over: object): LiveSourceConfig => ({
  kind: 'hub',
  dataset: 'lab/binance-ohlcv-1h-btc-eth',
  hub_url: 'https://huggingface.co',
  ...over,
});

describe('checkLiveSource', () => {
  it('accepts a kline source and a dataset source', () => {
    expect(() => checkLiveSource({ kind: 'kline', base_url: 'http://127.0.0.1:5175' })).not.toThrow();
    expect(() => checkLiveSource(hub({ revision: 'main', refresh_s: 300, interval: '1h' }))).not.toThrow();
  });

  it.each<[string, LiveSourceConfig, string]>([
    ['a dataset id without owner', hub({ dataset: 'binance' }), 'source.dataset'],
    ['a hub URL without scheme', hub({ hub_url: 'huggingface.co' }), 'source.hub_url'],
    ['a revision with spaces', hub({ revision: 'my branch' }), 'source.revision'],
    ['a refresh faster than once a second', hub({ refresh_s: 0 }), 'source.refresh_s'],
    ['a refresh that is not a number', hub({ refresh_s: Number.NaN }), 'source.refresh_s'],
    ['an unreadable interval', hub({ interval: 'hourly' }), 'source.interval'],
    ['a kline URL that is not http(s)', { kind: 'kline', base_url: 'ftp://x' }, 'source.base_url'],
    ['an unknown kind', { kind: 'ws' } as unknown as LiveSourceConfig, 'source'],
  ])('refuses %s', (_name, cfg, field) => {
    let caught: unknown;
    try {
      checkLiveSource(cfg);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe(field);
  });
});
