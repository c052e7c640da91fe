/** Public surface of src/core/labels: label definitions and makeLabels. */
export * from './labels';
