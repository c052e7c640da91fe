#!/usr/bin/env node
/**
 * Writes the benchmark figures of one run into README.md between the bench markers (one line per
 * figure, see figures.mjs readmeBlock), so the README's figures always come from a run's JSON.
 *
 *   node bench/readme.mjs bench-results/bench-<time>.json [--readme=README.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlock, replaceReadmeBlock } from './figures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Rewrites the README's bench block from the run in jsonPath; returns the block. */
export function writeReadme(jsonPath, readmePath = path.join(ROOT, 'README.md')) {
  const result = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const block = readmeBlock(result, path.relative(ROOT, path.resolve(jsonPath)));
  writeFileSync(readmePath, replaceReadmeBlock(readFileSync(readmePath, 'utf8'), block));
  return block;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const readme = process.argv.find((a) => a.startsWith('--readme='))?.slice(9);
  if (!file) {
    console.error('usage: node bench/readme.mjs bench-results/bench-<time>.json [--readme=README.md]');
    process.exit(2);
  }
  console.log(writeReadme(file, readme ? path.resolve(readme) : undefined));
}
