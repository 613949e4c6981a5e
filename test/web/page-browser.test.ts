import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BROWSER_WAIT, CHROMIUM_ARGS, findChromium } from '../support/chromium.js';
import { tempDir } from '../support/temp.js';

const executablePath = findChromium();
// CI always has Chromium (.ci/run installs it); a developer machine without it skips only this check
const skip = !executablePath && !process.env.CI;
const PAGE = resolve('dist/web/index.html');
/** Screenshots are kept for people to look at, in the ignored dist/ folder. */
const ARTEFACTS = resolve('dist/test-artefacts/web');
const SAMPLES = 'samples/2023';

/** A filled template: every cell of the city's rows given a plausible value, and optionally one bad cell. */
async function filledTemplate(dir: string, name: string, city: string, bad?: { column: number; row: number }): Promise<string> {
  const file = join(dir, name);
  expect((await runCli(['template', '--region', city, '--year', '2023', '-o', file, '--no-config'])).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  const header = sheet.getRow(1).values as unknown[];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    for (let column = 4; column < header.length; column++) {
      const cell = row.getCell(column);
      const rule = cell.dataValidation as { type?: string; formulae?: unknown[] } | undefined;
      cell.value = rule?.type === 'list' ? '是' : rule?.type === 'decimal' && Number(rule.formulae?.[1]) <= 100 ? 95 : 50;
    }
  });
  if (bad) sheet.getRow(bad.row).getCell(bad.column).value = 'abc';
  await book.xlsx.writeFile(file);
  return file;
}

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the page in a real browser', () => {
  it.skipIf(skip)('scores dropped files as the CLI does, shows errors by cell, downloads what it produced, and asks nothing of the network', async () => {
    expect(executablePath, 'Chromium not found: apt-get install chromium').toBeDefined();
    expect(existsSync(PAGE), 'dist/web/index.html is missing: npm run build').toBe(true);
    const dir = tempDir('eduduty-web-');
    // the filled templates and the markup file stand in for three sample cities: one region, one result
    const replaced = new Set(['370100.json', '370200.json', '371700.json']);
    for (const name of readdirSync(SAMPLES)) if (!replaced.has(name)) copyFileSync(join(SAMPLES, name), join(dir, name));
    await filledTemplate(dir, 'z-filled.xlsx', '370100');
    await filledTemplate(dir, 'z-broken.xlsx', '370200', { column: 5, row: 4 });
    // a blank CSV template as Excel saves it on Chinese Windows: GBK
    const csv = await runCli(['template', '--format', 'csv', '--region', '370300', '--year', '2023', '--no-config']);
    writeFileSync(join(dir, 'z-gbk.csv'), iconv.encode(csv.stdout.replace(/^\uFEFF/, ''), 'gbk'));
    // a county named with markup: shown as text, never run or fetched
    const hostile = JSON.parse(readFileSync(join(SAMPLES, '371700.json'), 'utf8')) as { counties: { region: { name: string } }[] };
    hostile.counties[0]!.region.name = '<img src=x onerror=alert(1)>';
    writeFileSync(join(dir, 'z-markup.json'), JSON.stringify(hostile));
    const files = readdirSync(dir).map((name) => join(dir, name));
    const cli = await runCli(['score', dir, '--format', 'json', '--no-config', '--lang', 'zh']);
    expect(cli.code).toBe(2);
    const expected = JSON.parse(cli.stdout) as { summary: Record<string, number>; files: { file: string; valid: boolean; sheet?: string; errors: { sheet?: string; cell?: string }[]; findings: { status: string; location?: { cell?: string } }[] }[] };
    const broken = expected.files.find((f) => f.file.endsWith('z-broken.xlsx'))!;
    expect(broken.valid).toBe(false);

    const browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS });
    try {
      // offline: the page must work with the network off
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true, offline: true });
      context.setDefaultTimeout(BROWSER_WAIT);
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(PAGE).href, { waitUntil: 'load' });
      await page.waitForSelector('body[data-engine="ready"]');
      const atLoad = requests.length;

      // the sample province first: 16 cities, timed in the page
      await page.setInputFiles('#files', readdirSync(SAMPLES).map((name) => join(SAMPLES, name)));
      await page.waitForSelector('body[data-ready="true"]');
      const ms = Number(await page.getAttribute('#summary', 'data-score-ms'));
      process.stdout.write(`page: scored the 16 sample cities in ${ms.toFixed(0)} ms\n`);
      const cities = JSON.parse((await page.getAttribute('#summary', 'data-summary'))!) as Record<string, number>;
      expect(cities.files).toBe(16);
      expect(await page.locator('#report iframe').count()).toBe(1);
      const reportSvgs = await page.frameLocator('#report iframe').locator('figure svg').count();
      expect(reportSvgs).toBe(2);
      // charts arrive with the report; ExcelJS only once a workbook is read
      expect(requests.some((url) => url.endsWith('/charts.js'))).toBe(true);
      expect(requests.some((url) => url.endsWith('/exceljs.js'))).toBe(false);

      // then the batch the CLI scored: the samples less the three replaced, the workbooks, the GBK table and the markup
      await page.click('#clear');
      await page.setInputFiles('#files', files);
      await page.waitForSelector('body[data-ready="true"]');
      const summary = JSON.parse((await page.getAttribute('#summary', 'data-summary'))!) as Record<string, number>;
      expect(summary).toEqual(expected.summary);

      await page.selectOption('#filter-status', '');
      await page.selectOption('#filter-region', '371702');
      expect(await page.locator('#findings-list h4').last().innerText()).toContain('<img src=x onerror=alert(1)>');
      expect(await page.locator('#findings-list img, #invalid-list img').count()).toBe(0);
      await page.selectOption('#filter-region', '');
      await page.selectOption('#filter-status', 'fail');

      const error = broken.errors[0]!;
      const where = `${error.sheet} › ${error.cell}`;
      await expect.poll(() => page.locator('#invalid-list').innerText(), { timeout: BROWSER_WAIT }).toContain(where);
      expect(await page.locator('#invalid-list').innerText()).toContain('z-broken.xlsx');
      // the GBK file was read, with the note that it is not UTF-8 (among the notes, folded under the errors)
      expect(await page.locator('#invalid-list').textContent()).toMatch(/z-gbk\.csv[\s\S]*UTF-8/);

      // a finding shows its value against the threshold and its cell; its explanation is one click away
      const first = page.locator('#findings-list li.finding').first();
      await expect.poll(() => first.innerText(), { timeout: BROWSER_WAIT }).toMatch(/[<>≥≤]/);
      await first.locator('details summary').click();
      expect(await first.locator('.explain-body').innerText()).toContain('shandong-2023');
      // the workbook's failures are located by sheet and cell
      await page.selectOption('#filter-region', '370100');
      expect(await page.locator('#findings-list').innerText()).toMatch(/z-filled\.xlsx › 指标数据 › [A-Z]+\d+/);
      await page.selectOption('#filter-region', '');

      const json = await downloaded(page, '#download-json');
      expect(JSON.parse(json.bytes.toString('utf8')).summary).toEqual(expected.summary);
      const csv = await downloaded(page, '#download-csv');
      expect(csv.bytes.toString('utf8')).toContain('development.vocational-school-conditions');
      // one annotated workbook per dropped file; the filled template comes back as itself, marked
      const names: string[] = [];
      let filled: Buffer | undefined;
      const annotated = new Promise<void>((resolve) => {
        page.on('download', async (d) => {
          names.push(d.suggestedFilename());
          if (d.suggestedFilename() === 'z-filled.checked.xlsx') {
            filled = readFileSync(await d.path());
            resolve();
          }
        });
      });
      await page.click('#download-annotated');
      await annotated;
      expect(names).toContain('370400.checked.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(filled as never);
      expect(book.worksheets[0]!.name).toBe('评价结果');
      const data = book.getWorksheet('指标数据')!;
      const marked: string[] = [];
      data.eachRow((row) => row.eachCell((cell) => {
        const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
        if (fill?.fgColor?.argb === 'FFFF9999' && cell.note) marked.push(cell.address);
      }));
      const fails = expected.files.find((f) => f.file.endsWith('z-filled.xlsx'))!.findings.filter((f) => f.status === 'fail' && f.location?.cell);
      expect(marked.length).toBeGreaterThan(0);
      expect(fails.length).toBeGreaterThan(0);
      for (const f of fails) expect(marked).toContain(f.location!.cell);
      // the report is `report -f html`'s for the same files: the same text, the same charts with the same labels
      // (the browser measures text with the font itself, so the charts' geometry differs by fractions of a pixel)
      const report = (await downloaded(page, '#download-report')).bytes.toString('utf8');
      const cliReport = (await runCli(['report', dir, '-f', 'html', '--no-config', '--lang', 'zh'])).stdout.replaceAll(`${dir}/`, '');
      const withoutCharts = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, '<svg/>');
      const chartLabels = (html: string) => [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(withoutCharts(report)).toBe(withoutCharts(cliReport));
      expect(chartLabels(report)).toEqual(chartLabels(cliReport));
      expect(chartLabels(report).length).toBeGreaterThan(100);

      // a threshold chosen in the page judges as the same threshold in a config file does
      const config = join(tempDir('eduduty-web-config-'), 'eduduty.config.json');
      writeFileSync(config, JSON.stringify({ thresholds: { 'development.preschool-gross-enrolment': { T: 80 } } }));
      const overridden = JSON.parse((await runCli(['score', dir, '--format', 'json', '-c', config])).stdout) as { summary: Record<string, number> };
      expect(overridden.summary.fail).toBeLessThan(expected.summary.fail!);
      await page.click('#thresholds summary');
      const threshold = page.locator('[data-rule="development.preschool-gross-enrolment"][data-threshold="T"]');
      await threshold.fill('80');
      await threshold.dispatchEvent('change');
      await page.waitForSelector('body[data-ready="true"]');
      expect(JSON.parse((await page.getAttribute('#summary', 'data-summary'))!)).toEqual(overridden.summary);
      const warm = Number(await page.getAttribute('#summary', 'data-score-ms'));
      process.stdout.write(`page: scored the same 20 files again (warm) in ${warm.toFixed(0)} ms\n`);

      // a profile chosen in the page judges as --profile does; two changes made in quick succession show the scoring of both
      writeFileSync(config, JSON.stringify({ thresholds: { 'development.preschool-gross-enrolment': { T: 70 } } }));
      const byProfile = JSON.parse((await runCli(['score', dir, '--format', 'json', '-c', config, '--profile', 'shandong-2020'])).stdout) as { summary: Record<string, number> };
      await threshold.fill('70');
      await threshold.dispatchEvent('change');
      await page.selectOption('#profile', 'shandong-2020');
      await page.waitForSelector('body[data-ready="true"]');
      expect(JSON.parse((await page.getAttribute('#summary', 'data-summary'))!)).toEqual(byProfile.summary);
      expect(byProfile.summary).not.toEqual(overridden.summary);

      // English throughout when chosen
      await page.selectOption('#lang', 'en');
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('h1').innerText()).toBe('Education duty evaluation · indicator check');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('#findings-list li.finding .badge').first().innerText()).toBe('✖ fail');
      await page.selectOption('#lang', 'zh');
      await page.waitForSelector('body[data-ready="true"]');

      // nothing but the page's own files was ever asked for, and after load only its lazily loaded scripts
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      expect(requests.slice(atLoad).map((url) => url.split('/').pop())).toEqual(expect.arrayContaining(['charts.js', 'exceljs.js']));
      expect(requests.slice(atLoad).every((url) => /\/(charts|exceljs)\.js$/.test(url))).toBe(true);
      expect(errors).toEqual([]);

      // the text is drawn in a CJK font, not as empty boxes
      // the page's own code, as a string: the test runs under Node's types, without the DOM's
      const fonts = (await page.evaluate(`(() => {
        const canvas = document.createElement('canvas').getContext('2d');
        const width = (font) => ((canvas.font = font), canvas.measureText('教育履职评价').width);
        return { check: document.fonts.check('16px "Noto Sans CJK SC"'), cjk: width('16px "Noto Sans CJK SC"') };
      })()`)) as { check: boolean; cjk: number };
      expect(fonts.check).toBe(true);
      expect(await page.getAttribute('body', 'data-cjk-font')).toBe('Noto Sans CJK SC');
      expect(fonts.cjk).toBeGreaterThan(80);

      mkdirSync(ARTEFACTS, { recursive: true });
      // the page is long (findings, then the report): one screenshot per part, as a reader scrolls to it
      await page.click('#thresholds summary');
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(ARTEFACTS, 'page.png') });
      for (const part of ['summary', 'findings', 'report']) {
        await page.evaluate(`document.getElementById('${part}').scrollIntoView()`);
        await page.screenshot({ path: join(ARTEFACTS, `page-${part}.png`) });
      }
      expect(statSync(join(ARTEFACTS, 'page.png')).size).toBeGreaterThan(20_000);
      await page.emulateMedia({ media: 'print' });
      expect((await page.pdf({ format: 'A4' })).subarray(0, 4).toString()).toBe('%PDF');
    } finally {
      await browser.close();
    }
  });
});
