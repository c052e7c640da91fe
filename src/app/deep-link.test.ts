import { describe, expect, it } from 'vitest';
import { linkChangesHub, parseDeepLink, startupPlan, type LastDataset } from './deep-link';

const SETTINGS_HUB = 'http://127.0.0.1:5174';

describe('parseDeepLink', () => {
  it('reads dataset, revision and hub', () => {
    expect(parseDeepLink('?dataset=lab/x&revision=v1&hub=http%3A%2F%2Flocalhost%3A5174%2F')).toEqual({
      dataset: 'lab/x',
      revision: 'v1',
      hub: 'http://localhost:5174',
    });
  });
  it('ignores a link without a valid dataset id, and a hub that is not an http(s) URL', () => {
    expect(parseDeepLink('')).toBeNull();
    expect(parseDeepLink('?dataset=../../etc')).toBeNull();
    expect(parseDeepLink('?dataset=lab/x&hub=javascript:alert(1)')).toEqual({ dataset: 'lab/x' });
  });
});

describe('linkChangesHub', () => {
  it('names the origin only when the link points away from the Settings hub', () => {
    expect(linkChangesHub(parseDeepLink('?dataset=a/b&hub=http://localhost:5174'), SETTINGS_HUB)).toBe(
      'http://localhost:5174',
    );
    expect(linkChangesHub(parseDeepLink('?dataset=a/b&hub=http://127.0.0.1:5174/'), SETTINGS_HUB)).toBeNull();
    expect(linkChangesHub(parseDeepLink('?dataset=a/b'), SETTINGS_HUB)).toBeNull();
  });
});

describe('startupPlan', () => {
  const last: LastDataset = {
    source: { kind: 'hub', hubUrl: SETTINGS_HUB, dataset: 'lab/private' },
    options: { symbols: ['BTC/USDT'] },
    commit: 'a'.repeat(40),
  };

  it('first visit: the built-in sample', () => {
    expect(startupPlan(null, null, SETTINGS_HUB)).toEqual({
      request: { source: { kind: 'sample' }, options: {} },
    });
  });

  it('the last hub dataset with a known commit comes from the cache first', () => {
    expect(startupPlan(null, last, SETTINGS_HUB)).toEqual({
      request: { source: last.source, options: last.options },
      cachePolicy: 'cache-first',
    });
    expect(startupPlan(null, { ...last, commit: null }, SETTINGS_HUB).cachePolicy).toBeUndefined();
  });

  it('a deep link loads the linked dataset from the linked hub (the Settings hub when it names none)', () => {
    expect(
      startupPlan(parseDeepLink('?dataset=lab/x&hub=http://localhost:5174'), last, SETTINGS_HUB),
    ).toEqual({
      request: {
        source: { kind: 'hub', hubUrl: 'http://localhost:5174', dataset: 'lab/x', revision: undefined },
        options: {},
      },
    });
    expect(
      startupPlan(parseDeepLink('?dataset=lab/x'), null, `${SETTINGS_HUB}/`).request.source,
    ).toMatchObject({
      hubUrl: SETTINGS_HUB,
    });
  });

  it('a deep link to the last dataset keeps its options and the cache', () => {
    const plan = startupPlan(
      parseDeepLink('?dataset=lab/private&hub=http://127.0.0.1:5174'),
      last,
      SETTINGS_HUB,
    );
    expect(plan).toEqual({
      request: { source: last.source, options: last.options },
      cachePolicy: 'cache-first',
    });
    const other = startupPlan(
      parseDeepLink('?dataset=lab/private&hub=http://localhost:5174'),
      last,
      SETTINGS_HUB,
    );
    expect(other.cachePolicy).toBeUndefined();
  });
});
