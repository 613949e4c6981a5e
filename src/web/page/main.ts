import type { Lang } from '../../catalogue/catalogue.js';
import type { InMemoryInput } from '../../engine/inputs.js';
import type { TemplateFormat } from '../../template/write.js';
import { listOf, msg, type MessageId } from '../../text/messages.js';
import { WORDS } from '../../text/words.js';
import { annotatedWorkbooks } from './annotate.js';
import { byId, h } from './dom.js';
import { download } from './download.js';
import { installedCjkFont } from './fonts.js';
import { PageEngine, type Choices, type Scored } from './engine.js';
import { FINDINGS_PAGE, renderFilters, renderFindings, renderInvalid, renderSummary, renderThresholds, selectRows, type Filters } from './view.js';

/** The page's state: the files in memory, the reader's choices, the last scoring. Nothing is stored anywhere. */
const state: { inputs: InMemoryInput[]; choices: Choices; scored?: Scored; filters: Filters; limit: number } = {
  inputs: [],
  choices: { lang: 'zh', thresholds: {} },
  filters: { category: '', severity: '', status: 'fail', region: '' },
  limit: FINDINGS_PAGE,
};

let engine: PageEngine;
const lang = (): Lang => state.choices.lang;
const setStatus = (text: string) => (byId('status').textContent = text);

function redrawTexts(): void {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = msg(lang(), 'web.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-msg]')) element.textContent = msg(lang(), element.dataset.msg as MessageId as never);
  const profile = byId<HTMLSelectElement>('profile');
  profile.replaceChildren(h('option', { value: '', selected: !state.choices.profile }, msg(lang(), 'web.profile-by-year')), ...engine.ruleSet.profiles.map((p) => h('option', { value: p.name, selected: state.choices.profile === p.name }, p.name)));
  const city = byId<HTMLSelectElement>('template-city');
  const chosen = city.value;
  city.replaceChildren(h('option', { value: '' }, msg(lang(), 'web.template-all')), ...engine.cities().map((c) => h('option', { value: c.code, selected: chosen === c.code }, `${c.name} ${c.code}`)));
}

function drawFindings(): void {
  const scored = state.scored;
  if (!scored) return;
  renderFindings(selectRows(scored.result.files, state.filters), state.limit, scored, engine.catalogue, lang());
}

async function drawReport(scored: Scored, mine: number): Promise<void> {
  const cities = new Set(scored.result.files.filter((f) => f.valid && f.region).map((f) => f.region!.code));
  byId('report').hidden = false;
  byId('report-note').textContent = cities.size >= 2 ? '' : msg(lang(), 'web.report-needs-cities');
  byId<HTMLButtonElement>('download-report').disabled = cities.size < 2;
  if (cities.size < 2) return byId('report-body').replaceChildren();
  const frame = h('iframe', { title: msg(lang(), 'web.report-frame'), sandbox: 'allow-same-origin', class: 'report-frame' });
  const html = await engine.reportHtml(scored);
  if (mine !== scoring) return;
  frame.srcdoc = html;
  // the frame grows to its report, so the page scrolls and prints as one document
  frame.addEventListener('load', () => (frame.style.height = `${frame.contentDocument?.documentElement.scrollHeight ?? 1200}px`));
  byId('report-body').replaceChildren(frame);
}

/** Counts scorings: one started after this one makes its result stale, so quick changes never show an older scoring last. */
let scoring = 0;

async function rescore(): Promise<void> {
  if (state.inputs.length === 0) return;
  const mine = ++scoring;
  setStatus(msg(lang(), 'web.scoring'));
  const scored = await engine.score(state.inputs, state.choices);
  if (mine !== scoring) return;
  state.scored = scored;
  state.limit = FINDINGS_PAGE;
  renderSummary(scored, lang());
  renderInvalid(scored.result.files, lang());
  renderFilters(scored.result.files, state.filters, lang());
  drawFindings();
  byId('downloads').hidden = false;
  renderThresholds(scored, scored.ruleSet, state.choices.thresholds, lang());
  setStatus(msg(lang(), 'web.scored', { files: scored.result.files.length, ms: Math.round(scored.ms) }));
  await drawReport(scored, mine);
}

function showLoaded(): void {
  const names = state.inputs.map((f) => f.name).sort();
  byId('loaded').textContent = names.length === 0 ? '' : `${msg(lang(), 'web.loaded', { count: names.length })}${WORDS[lang()].colon}${listOf(lang(), names)}`;
}

async function addFiles(list: FileList | readonly File[]): Promise<void> {
  const read = await Promise.all([...list].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
  const names = new Set(read.map((f) => f.name));
  state.inputs = [...state.inputs.filter((f) => !names.has(f.name)), ...read];
  showLoaded();
  await rescore();
}

/** Handlers still running. */
let busy = 0;

/** Runs a handler, showing any fault on the page instead of losing it. */
function guarded<A extends unknown[]>(handler: (...args: A) => Promise<void> | void): (...args: A) => void {
  return (...args) => {
    // data-ready marks a page at rest with results shown, after every handler still running has ended: tests wait for it
    busy += 1;
    delete document.body.dataset.ready;
    // the handler starts at once: a drop's preventDefault must happen inside the event
    let running: Promise<void> | void;
    try {
      running = handler(...args);
    } catch (error) {
      running = Promise.reject(error);
    }
    Promise.resolve(running)
      .catch((error: unknown) => setStatus(msg(lang(), 'web.failed', { detail: error instanceof Error ? error.message : String(error) })))
      .finally(() => {
        busy -= 1;
        if (busy === 0 && state.scored) document.body.dataset.ready = 'true';
      });
  };
}

const on = (id: string, event: string, handler: (event: Event) => Promise<void> | void) => byId(id).addEventListener(event, guarded(handler));

function wireInputs(): void {
  const input = byId<HTMLInputElement>('files');
  on('files', 'change', async () => {
    if (input.files) await addFiles(input.files);
    input.value = '';
  });
  const drop = byId('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener(
    'drop',
    guarded(async (event: DragEvent) => {
      event.preventDefault();
      drop.classList.remove('over');
      if (event.dataTransfer?.files.length) await addFiles(event.dataTransfer.files);
    }),
  );
  // a file dropped beside the zone must not make the browser navigate away to it
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
  on('clear', 'click', () => {
    state.inputs = [];
    delete state.scored;
    showLoaded();
    for (const id of ['summary', 'downloads', 'invalid', 'findings', 'report']) byId(id).hidden = true;
    setStatus('');
  });
}

function wireChoices(): void {
  on('lang', 'change', async (event) => {
    state.choices.lang = (event.target as HTMLSelectElement).value as Lang;
    redrawTexts();
    showLoaded();
    await rescore();
  });
  on('profile', 'change', async (event) => {
    const value = (event.target as HTMLSelectElement).value;
    state.choices = { ...state.choices, ...(value ? { profile: value } : {}) };
    if (!value) delete state.choices.profile;
    await rescore();
  });
  on('threshold-list', 'change', async (event) => {
    const input = event.target as HTMLInputElement;
    const rule = input.dataset.rule!;
    const name = input.dataset.threshold!;
    const values = { ...state.choices.thresholds[rule] };
    if (input.value.trim() === '' || !Number.isFinite(input.valueAsNumber)) delete values[name];
    else values[name] = input.valueAsNumber;
    state.choices.thresholds = { ...state.choices.thresholds, [rule]: values };
    if (Object.keys(values).length === 0) delete state.choices.thresholds[rule];
    await rescore();
  });
  on('thresholds-reset', 'click', async () => {
    state.choices.thresholds = {};
    await rescore();
  });
  for (const key of ['category', 'severity', 'status', 'region'] as const) {
    on(`filter-${key}`, 'change', (event) => {
      state.filters[key] = (event.target as HTMLSelectElement).value;
      state.limit = FINDINGS_PAGE;
      drawFindings();
    });
  }
  on('findings-more', 'click', () => {
    state.limit += FINDINGS_PAGE;
    drawFindings();
  });
}

function wireDownloads(): void {
  const scored = () => state.scored!;
  on('download-json', 'click', async () => download('eduduty.json', await engine.resultText(scored(), 'json'), 'application/json'));
  on('download-csv', 'click', async () => download(lang() === 'zh' ? '评价结果.csv' : 'findings.csv', await engine.resultText(scored(), 'csv'), 'text/csv'));
  on('download-report', 'click', async () => download(lang() === 'zh' ? '评价报告.html' : 'report.html', await engine.reportHtml(scored()), 'text/html'));
  on('download-annotated', 'click', async () => {
    for (const { name, bytes } of await annotatedWorkbooks(state.inputs, scored().result, engine.formatOptions(scored()))) {
      download(name, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
  });
  on('template-download', 'click', async () => {
    const city = byId<HTMLSelectElement>('template-city').value;
    const year = Number(byId<HTMLInputElement>('template-year').value) || 2023;
    const format = byId<HTMLSelectElement>('template-format').value as TemplateFormat;
    const content = await engine.template(city || undefined, year, format, lang());
    const types: Record<TemplateFormat, string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv', json: 'application/json', yaml: 'application/yaml' };
    download(`template-${city || 'shandong'}-${year}.${format}`, content, types[format]);
  });
}

function start(): void {
  try {
    engine = new PageEngine();
  } catch (error) {
    setStatus(msg(lang(), 'web.failed', { detail: error instanceof Error ? error.message : String(error) }));
    return;
  }
  redrawTexts();
  wireInputs();
  wireChoices();
  wireDownloads();
  document.body.dataset.engine = 'ready';
  void installedCjkFont().then((font) => (document.body.dataset.cjkFont = font ?? 'none'));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
