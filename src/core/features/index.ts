/** Public surface of src/core/features: indicators, the feature registry, computeFeatures. */
export * from './primitives';
export * from './indicators';
export * from './registry';
export * from './compute';
export * from './buffers';
