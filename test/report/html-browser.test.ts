import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli } from '../support/cli.js';
import { BROWSER_WAIT, CHROMIUM_ARGS, findChromium } from '../support/chromium.js';

const executablePath = findChromium();
// CI always has Chromium (.ci/run installs it); a developer machine without it skips only this check
const skip = !executablePath && !process.env.CI;

describe('the HTML report in a real browser', () => {
  it.skipIf(skip)('loads in headless Chromium without console errors or network requests, and renders visibly', async () => {
    expect(executablePath, 'Chromium not found: apt-get install chromium').toBeDefined();
    const dir = tempDir('eduduty-html-');
    const file = join(dir, 'report.html');
    // 逐市反馈 goes to its own file: the page screenshot covers the report itself
    expect((await runCli(['report', 'samples/', '-f', 'html', '-o', file, '--feedback', join(dir, 'feedback.html')])).code).toBe(0);
    expect(readFileSync(join(dir, 'feedback.html'), 'utf8')).toContain('<code>development.vocational-school-conditions</code>');
    const browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      page.setDefaultTimeout(BROWSER_WAIT);
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.title()).toBe('对市级人民政府2023年履行教育职责评价报告');
      expect(await page.locator('figure svg').count()).toBe(2);
      const heatmap = await page.locator('figure svg').first().boundingBox();
      expect(heatmap!.width).toBeGreaterThan(500);
      expect(heatmap!.height).toBeGreaterThan(400);

      const shot = PNG.sync.read(await page.screenshot({ fullPage: true, path: join(dir, 'report.png') }));
      let inked = 0;
      const colours = new Set<number>();
      for (let i = 0; i < shot.data.length; i += 4) {
        const [r, g, b] = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
        if (r < 235 || g < 235 || b < 235) inked++;
        colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
      }
      expect(inked / (shot.width * shot.height)).toBeGreaterThan(0.03);
      expect(colours.size).toBeGreaterThan(20);

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});
