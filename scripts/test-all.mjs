// `npm test`: lint, typecheck, unit tests (Vitest), production build, end-to-end tests
// (Playwright in Debian's Chromium). Prints one plain summary line at the end:
// "Summary: N passed, N failed" counting unit and e2e tests, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// not under test-results/: Playwright empties that folder when it starts
const OUT = 'test-summary';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const steps = [
  ['lint', 'npx', ['eslint', '.']],
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  [
    'unit',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/unit.json`],
  ],
  ['chromium', 'node', ['scripts/ensure-chromium.mjs']],
  ['build', 'npx', ['vite', 'build']],
  ['e2e', 'npx', ['playwright', 'test']],
];

let passed = 0;
let failed = 0;
const failures = [];
const t0 = Date.now();
for (const [name, cmd, args] of steps) {
  const s = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const env = { ...process.env };
  if (name === 'e2e') env.PLAYWRIGHT_JSON_OUTPUT_NAME = `${OUT}/e2e.json`;
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - s) / 1000).toFixed(1)} s`,
  );
  if (!ok) failures.push(name);
  if (!ok && (name === 'lint' || name === 'typecheck' || name === 'chromium' || name === 'build')) {
    if (name !== 'lint' && name !== 'typecheck') break;
  }
}

if (existsSync(`${OUT}/unit.json`)) {
  const u = JSON.parse(readFileSync(`${OUT}/unit.json`, 'utf8'));
  passed += u.numPassedTests ?? 0;
  failed += u.numFailedTests ?? 0;
  console.log(`unit: ${u.numPassedTests} passed, ${u.numFailedTests} failed (${u.numTotalTests} total)`);
}
if (existsSync(`${OUT}/e2e.json`)) {
  const e = JSON.parse(readFileSync(`${OUT}/e2e.json`, 'utf8'));
  const st = e.stats ?? {};
  const ep = (st.expected ?? 0) + (st.flaky ?? 0);
  const ef = st.unexpected ?? 0;
  passed += ep;
  failed += ef;
  console.log(`e2e: ${ep} passed, ${ef} failed${st.flaky ? ` (${st.flaky} flaky, passed on retry)` : ''}`);
}
for (const f of failures) if (f !== 'unit' && f !== 'e2e') failed += 1;
console.log(
  `\nsteps failed: ${failures.length ? failures.join(', ') : 'none'}; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
