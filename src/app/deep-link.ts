/**
 * Deep links (`?dataset=owner/name&revision=...&hub=...`, never a token) and the choice of
 * what to load when the app starts: the linked dataset, else the last one (straight from
 * the cache when its commit is known), else the built-in sample.
 */
import type { DatasetRequestState, HubSource } from './hooks/dataset-context';
import { hubOrigin } from './token-store';

export interface DeepLink {
  dataset: string;
  revision?: string;
  /** the hub named by the link, normalised; absent when the link names none (or no valid one) */
  hub?: string;
}

export const DATASET_ID = /^[\w.-]+\/[\w.-]+$/;

/** The dataset a link asks for, or null when the query names none (or not as owner/name). */
export function parseDeepLink(search: string): DeepLink | null {
  const q = new URLSearchParams(search);
  const dataset = q.get('dataset')?.trim() ?? '';
  if (!DATASET_ID.test(dataset)) return null;
  const revision = q.get('revision')?.trim() || undefined;
  const rawHub = q.get('hub')?.trim() ?? '';
  const hub = hubOrigin(rawHub) ? rawHub.replace(/\/+$/, '') : undefined;
  return { dataset, revision, hub };
}

/** The hub origin a link switches to, or null when it keeps the Settings hub. */
export function linkChangesHub(link: DeepLink | null, settingsHub: string): string | null {
  if (!link?.hub) return null;
  const origin = hubOrigin(link.hub);
  return origin && origin !== hubOrigin(settingsHub) ? origin : null;
}

/** The last dataset loaded, as kept across visits (never with a token). */
export interface LastDataset extends DatasetRequestState {
  /** the commit it resolved to; known means its files can come from the cache */
  commit?: string | null;
}

export interface StartupPlan {
  request: DatasetRequestState;
  cachePolicy?: 'cache-first';
}

function sameHubSource(a: HubSource, b: HubSource): boolean {
  return (
    hubOrigin(a.hubUrl) === hubOrigin(b.hubUrl) &&
    a.hubUrl.replace(/\/+$/, '') === b.hubUrl.replace(/\/+$/, '') &&
    a.dataset === b.dataset &&
    (a.revision ?? '') === (b.revision ?? '')
  );
}

/** What the app loads when it starts. */
export function startupPlan(
  link: DeepLink | null,
  last: LastDataset | null,
  settingsHub: string,
): StartupPlan {
  const lastHub = last?.source.kind === 'hub' ? last.source : null;
  const fromLastCache = (): StartupPlan => ({
    request: { source: last!.source, options: last!.options },
    ...(last?.commit ? { cachePolicy: 'cache-first' as const } : {}),
  });
  if (link) {
    const source: HubSource = {
      kind: 'hub',
      hubUrl: link.hub ?? settingsHub.replace(/\/+$/, ''),
      dataset: link.dataset,
      revision: link.revision,
    };
    if (lastHub && sameHubSource(lastHub, source)) return fromLastCache();
    return { request: { source, options: {} } };
  }
  if (last && last.source.kind !== 'local') return fromLastCache();
  return { request: { source: { kind: 'sample' }, options: {} } };
}
