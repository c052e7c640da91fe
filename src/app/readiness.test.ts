import { describe, expect, it } from 'vitest';
import {
  DATASET_LOADING,
  DATASET_MISSING,
  MODELS_LOADING,
  MODELS_MISSING,
  datasetLine,
  latestOptionLabel,
  missingInput,
} from './readiness';

const sample = { summary: { dataset: 'sample/x' } };

describe('readiness of a panel', () => {
  it('says loading, not absent, while the last dataset is still loading', () => {
    expect(datasetLine({ status: 'idle' })).toBe('loading…');
    expect(datasetLine({ status: 'loading' })).toBe('loading…');
    expect(missingInput({ dataset: { status: 'loading' } })).toBe(DATASET_LOADING);
    expect(missingInput({ dataset: { status: 'idle' }, models: [] })).toBe(DATASET_LOADING);
    expect(DATASET_LOADING).not.toMatch(/first/);
  });

  it('says absent only once loading has ended without a dataset', () => {
    expect(datasetLine({ status: 'error' })).toBe('none loaded');
    expect(missingInput({ dataset: { status: 'error' } })).toBe(DATASET_MISSING);
    // a dataset being replaced by another: the loaded one is still there to use
    expect(datasetLine({ status: 'loading', loaded: sample })).toBe('sample/x');
    expect(missingInput({ dataset: { status: 'loading', loaded: sample } })).toBeNull();
    expect(missingInput({ dataset: { status: 'ready', loaded: sample } })).toBeNull();
  });

  it('says the model list is loading until it has arrived, then whether it is empty', () => {
    const dataset = { status: 'ready' as const, loaded: sample };
    expect(missingInput({ dataset, models: null })).toBe(MODELS_LOADING);
    expect(MODELS_LOADING).not.toMatch(/No model/);
    expect(missingInput({ dataset, models: [] })).toBe(MODELS_MISSING);
    expect(missingInput({ dataset, models: [{ id: 'm' }] })).toBeNull();
  });

  it("names the model 'latest' resolves to", () => {
    expect(latestOptionLabel(null)).toBe('latest (loading the model list…)');
    expect(latestOptionLabel([])).toBe('latest (no model yet)');
    expect(latestOptionLabel([{ id: 'gbc_b' }, { id: 'gbc_a' }])).toBe('latest (= gbc_b)');
  });
});
