/** Public surface of src/core/split: windows, train/valid split, scaler, dataset builder, seed folds. */
export * from './windows';
export * from './train-valid';
export * from './scaler';
export * from './rows';
export * from './dataset';
export * from './split-dataset';
export * from './seed-rows';
