// The README's table of A/B statistics says exactly what every report says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AB_DEFINITIONS } from './definitions';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const cell = (s: string) => s.replace(/\|/g, '\\|');

describe('README: how the A/B statistics are computed', () => {
  it.each(Object.entries(AB_DEFINITIONS))('%s', (key, text) => {
    expect(readme).toContain(`| \`${key}\``);
    expect(readme.replace(/\s+/g, ' ')).toContain(cell(text).replace(/\s+/g, ' '));
  });
});
