// Dev helper: node scripts/dev/screenshot.mjs URL OUT.png [waitMs] (Debian Chromium with WebGPU flags).
import { chromium } from '@playwright/test';
const url = process.argv[2];
const out = process.argv[3];
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--enable-unsafe-webgpu',
    '--use-webgpu-adapter=swiftshader',
  ],
});
const p = await b.newPage({ viewport: { width: 1280, height: 1800 } });
p.on('console', (m) => {
  if (m.type() === 'error') console.log('console:', m.text());
});
p.on('pageerror', (e) => console.log('pageerror:', e.message));
await p.goto(url);
await p.waitForTimeout(Number(process.argv[4] ?? 6000));
await p.screenshot({ path: out, fullPage: false });
await b.close();
