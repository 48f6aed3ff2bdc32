#!/usr/bin/env node
// Browser test of the reading edition (the static site built by scripts/site/build_site.py) in headless Chromium.
//
// USAGE (from the repo root)
//   cd tests/browser && npm ci                       # once; playwright-core and axe-core, never a browser
//   node tests/browser/site.mjs                      # every page of site/
//   node tests/browser/site.mjs --site=/tmp/site --expect=expect.json   # another build; expected counts
//   node tests/browser/site.mjs --pages=04_trade.html,index.html
//   node tests/browser/site.mjs --timing-only --timing-loads=3   # first chart drawn, medians of 3 loads per page
//                                                    (in a row, and cold), no checks (scripts/benchmark.py --site)
//   node tests/browser/site.mjs --help
//
// ENVIRONMENT
//   BROWSER_ARTIFACTS   screenshots + site-results.json go here (default tests/browser/artifacts/)
//   BROWSER_BIN         folder holding the python that serves the site (default <repo>/.venv/bin, else PATH)
//   CHROMIUM_PATH       browser binary (default /usr/bin/chromium, else chromium on PATH)
//   BROWSER_CHART_TIMEOUT_S   max seconds for a page's charts to be drawn (default 30)
//
// EXIT STATUS: 0 all checks passed; 1 a check failed ("FAIL <page>: <reason>" lines); 2 the harness could not run.
//
// DESIGN
// * The site is served exactly as a reader would serve it: `python -m http.server` on 127.0.0.1 (a free port).
//   Chromium resolves no other host (--host-resolver-rules) and every request off that origin is aborted and
//   recorded: any such request fails the page ("offline").
// * Per page, in order:
//   1. charts: every figure.chart must get a drawn Vega view (.vega-embed svg.marks; SVG renderer, no canvas),
//      none may show .chart-error. With --expect, the number drawn must equal the number expected for the page
//      (the test computes it from the executed notebook, independently of the page). Each drawn SVG must carry
//      ARIA (role + aria-label from the chart's description where it has one); each chart must show a tooltip
//      when the pointer moves over its marks; the vega-embed actions menu, where present, must have a label.
//   2. quizzes: every section.quiz is checked against its data/quizzes/<stem>.json (read from the repo, not
//      the page): same questions and options; "Check answer" with nothing chosen -> "Choose"; a wrong option ->
//      "Not quite"; the right option -> "Correct"; the score line counts first tries; after a reload the answers
//      come back from localStorage; "Reset this quiz" clears them (and localStorage).
//   3. explorers: in every .explorer-live, each input (Vega-Lite parameter bindings, or the controls of an
//      explorer made of precomputed views) is given focus and a key press (range: ArrowRight/ArrowLeft; select:
//      ArrowDown/ArrowUp; checkbox: Space; radio: ArrowRight); the chart's data marks (not just a title) must
//      change, or the pieces of the view shown (there only for the inputs the build marks data-reacts, i.e.
//      those whose next value shows something else); then the input is put back.
//   4. axe-core (injected from node_modules, so not a request) with every "Show the code" block open: zero
//      violations of impact serious or critical.
//   5. page errors (uncaught exceptions) fail; a full-page screenshot site__<page>.png is taken.

import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, freePort } from './cli.mjs';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const env = process.env;
const { argv, flag } = cli(import.meta.url);
const SITE = path.resolve(flag('site') || path.join(REPO, 'site'));
const EXPECT = flag('expect') ? JSON.parse(fs.readFileSync(flag('expect'), 'utf8')) : null;
const ONLY = flag('pages') ? flag('pages').split(',').filter(Boolean) : null;
const TIMING_LOADS = Number(flag('timing-loads') || 0);
const TIMING_ONLY = argv.includes('--timing-only');
const ARTIFACTS = path.resolve(env.BROWSER_ARTIFACTS || path.join(HERE, 'artifacts'));
const CHART_TIMEOUT = (Number(env.BROWSER_CHART_TIMEOUT_S) > 0 ? Number(env.BROWSER_CHART_TIMEOUT_S) : 30) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function which(cmd) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}
class SetupError extends Error {}
function setupError(msg) { console.error(`SETUP ERROR: ${msg}`); process.exitCode = 2; throw new SetupError(msg); }
const CHROMIUM = env.CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : which('chromium') || which('chromium-browser'));
const BIN = env.BROWSER_BIN || (fs.existsSync(path.join(REPO, '.venv', 'bin', 'python')) ? path.join(REPO, '.venv', 'bin') : '');
const PYTHON = BIN ? path.join(BIN, 'python') : (which('python3') || 'python3');

// ---------------------------------------------------------------- the static server
let SERVER = null;
async function serve(dir) {
  const port = await freePort();
  const log = path.join(os.tmpdir(), `pkru-site-server-${port}.log`);
  const fd = fs.openSync(log, 'w');
  SERVER = spawn(PYTHON, ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    { stdio: ['ignore', fd, fd], detached: true });
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  while (Date.now() - t0 < 20000) {
    if (SERVER.exitCode !== null) setupError(`python -m http.server exited: ${fs.readFileSync(log, 'utf8').slice(-800)}`);
    try { const r = await fetch(`${base}/index.html`); if (r.ok) return base; } catch { /* not yet */ }
    await sleep(150);
  }
  setupError('python -m http.server did not answer within 20 s');
}
function stopServer() {
  if (SERVER && SERVER.exitCode === null) { try { process.kill(-SERVER.pid, 'SIGTERM'); } catch { /* gone */ } }
}

// ---------------------------------------------------------------- in-page helpers
function chartState() {
  const figs = [...document.querySelectorAll('figure.chart:not(.lazy)')];   // lazy: a hidden part of an explorer
  return figs.map((f) => {
    const svg = f.querySelector('.vega-embed svg.marks');
    const view = svg && svg.parentElement;   // the Vega view's container: Vega puts the chart's ARIA there
    let description = '';
    try { description = JSON.parse(f.querySelector('script.vega-spec').textContent).description || ''; } catch { /* none */ }
    const summary = f.querySelector('.vega-embed details > summary');
    return {
      n: f.getAttribute('data-chart'), drawn: !!svg && f.getAttribute('data-drawn') === '1', failed: f.getAttribute('data-failed') === '1',
      error: (f.querySelector('.chart-error') || {}).textContent || '', canvas: !!f.querySelector('.vega-embed canvas'),
      role: view ? view.getAttribute('role') : null, ariaLabel: view ? view.getAttribute('aria-label') : null,
      ariaMarks: svg ? svg.querySelectorAll('[role="graphics-symbol"], [role="graphics-object"]').length : 0,
      dataMarks: svg ? [...svg.querySelectorAll('g.role-mark')].reduce((n, g) => n + g.children.length, 0) : 0,
      description, menuLabel: summary ? (summary.getAttribute('aria-label') || summary.textContent.trim()) : null,
      hasMenu: !!summary, explorer: !!f.closest('.explorer-live'),
    };
  });
}

async function waitCharts(page) {
  const t0 = Date.now();
  for (;;) {
    const done = await page.evaluate(() => {
      const n = document.querySelectorAll('figure.chart:not(.lazy)').length;
      return n === 0 || document.documentElement.getAttribute('data-charts-done') === String(n);
    });
    if (done || Date.now() - t0 > CHART_TIMEOUT) return done;
    await sleep(100);
  }
}

// Moves the pointer over the marks of chart n until a tooltip shows (or gives up).
async function tooltipShows(page, n) {
  const points = await page.evaluate((k) => {
    const fig = document.querySelector(`figure.chart[data-chart="${k}"]`);
    const svg = fig && fig.querySelector('.vega-embed svg.marks');
    if (!svg) return [];
    fig.scrollIntoView({ block: 'center' });
    // the data marks only (not axes, legends, titles): Vega classes them role-mark
    const items = [...svg.querySelectorAll('g.role-mark > path, g.role-mark > line, g.role-mark > text, g.role-mark > rect, g.role-mark > g > path')];
    const out = [];
    const inView = (p) => p.y > 0 && p.y < window.innerHeight && p.x > 0 && p.x < window.innerWidth;
    for (const el of items) {
      const r = el.getBoundingClientRect();
      if (r.width + r.height < 1) continue;
      const c = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      if (inView(c)) out.push(c);
      // a line is hit on its stroke, not at the centre of its box: also probe points along the path
      if (el.getTotalLength && el.getScreenCTM) {
        const len = el.getTotalLength();
        const m = el.getScreenCTM();
        for (const f of [0.3, 0.5, 0.7]) {
          if (!(len > 0)) break;
          const q = el.getPointAtLength(len * f);
          const p = { x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f };
          if (inView(p)) out.push(p);
        }
      }
    }
    // spread the probes over the chart
    const step = Math.max(1, Math.floor(out.length / 40));
    return out.filter((_, i) => i % step === 0).slice(0, 40);
  }, n);
  for (const p of points) {
    await page.mouse.move(p.x, p.y);
    await sleep(30);
    const shown = await page.evaluate(() => {
      const t = document.getElementById('vg-tooltip-element');
      return !!t && t.classList.contains('visible') && t.textContent.trim().length > 0;
    });
    if (shown) { await page.mouse.move(1, 1); return true; }
  }
  await page.mouse.move(1, 1);
  return false;
}

// ---------------------------------------------------------------- quizzes
function quizFile(stem) {
  const f = path.join(REPO, 'data', 'quizzes', `${stem}.json`);
  if (!fs.existsSync(f)) return null;
  return JSON.parse(fs.readFileSync(f, 'utf8'));
}

async function checkQuizzes(page, rec) {
  const stems = await page.$$eval('section.quiz', (els) => els.map((e) => e.getAttribute('data-quiz')));
  rec.quizzes = { found: stems.length, ok: 0, questions: 0 };
  for (const stem of stems) {
    const doc = quizFile(stem);
    if (!doc) { rec.failures.push(`quiz ${stem}: no data/quizzes/${stem}.json`); continue; }
    const sec = page.locator(`section.quiz[data-quiz="${stem}"]`);
    const before = rec.failures.length;
    const qids = await sec.locator('.quiz-question').evaluateAll((els) => els.map((e) => e.getAttribute('data-qid')));
    const want = doc.questions.map((q) => q.id);
    if (JSON.stringify(qids) !== JSON.stringify(want)) rec.failures.push(`quiz ${stem}: questions on the page ${JSON.stringify(qids)} != the quiz file's ${JSON.stringify(want)}`);
    let firstRight = 0;
    for (const q of doc.questions) {
      const el = sec.locator(`.quiz-question[data-qid="${q.id}"]`);
      if (!(await el.count())) continue;
      rec.quizzes.questions++;
      const labels = (await el.locator('.quiz-option').allInnerTexts()).map((t) => t.trim());
      if (JSON.stringify(labels) !== JSON.stringify(q.options)) rec.failures.push(`quiz ${stem} ${q.id}: options on the page differ from the quiz file`);
      const fb = el.locator('.quiz-feedback');
      const check = el.locator('button.quiz-check');
      await check.click();
      const t0 = (await fb.innerText()).trim();
      if (!/Choose/.test(t0)) rec.failures.push(`quiz ${stem} ${q.id}: no answer chosen -> "${t0.slice(0, 80)}" (want a "Choose..." prompt)`);
      const right = q.options.indexOf(q.answer);
      const wrong = right === 0 ? 1 : 0;
      await el.locator('.quiz-option').nth(wrong).click();
      await check.click();
      const t1 = (await fb.innerText()).trim();
      if (!/^\S*\s*Not quite/.test(t1)) rec.failures.push(`quiz ${stem} ${q.id}: wrong option -> "${t1.slice(0, 80)}" (want "Not quite")`);
      if (!t1.includes(q.explanation.slice(0, 40))) rec.failures.push(`quiz ${stem} ${q.id}: the wrong-answer feedback lacks the explanation`);
      if (!/Source/.test(t1)) rec.failures.push(`quiz ${stem} ${q.id}: the wrong-answer feedback names no source`);
      await el.locator('.quiz-option').nth(right).click();
      await check.click();
      const t2 = (await fb.innerText()).trim();
      if (!/^\S*\s*Correct/.test(t2)) rec.failures.push(`quiz ${stem} ${q.id}: right option -> "${t2.slice(0, 80)}" (want "Correct")`);
    }
    // every first try was wrong: the score says 0 right, all answered
    const total = doc.questions.length;
    const score = (await sec.locator('.quiz-score').innerText()).replace(/\s+/g, ' ');
    if (!score.includes(`${firstRight} of ${total} right`) || !score.includes(`${total} of ${total} answered`)) {
      rec.failures.push(`quiz ${stem}: score line "${score}" (want ${firstRight} of ${total} right, ${total} of ${total} answered)`);
    }
    const stored = await page.evaluate((s) => window.localStorage.getItem(`pkru-reading:quiz:${s}`), stem);
    if (!stored || Object.keys(JSON.parse(stored)).length !== total) rec.failures.push(`quiz ${stem}: progress not kept in localStorage`);
    if (rec.failures.length === before) rec.quizzes.ok++;
  }
  return stems;
}

async function checkQuizPersistence(page, rec, stems) {
  if (!stems.length) return;
  await page.reload({ waitUntil: 'load' });
  await waitCharts(page);
  for (const stem of stems) {
    const doc = quizFile(stem);
    if (!doc) continue;
    const sec = page.locator(`section.quiz[data-quiz="${stem}"]`);
    const restored = await sec.locator('.quiz-feedback[data-status="right"]').count();
    if (restored !== doc.questions.length) rec.failures.push(`quiz ${stem}: after a reload ${restored} of ${doc.questions.length} answers came back from localStorage`);
    await sec.locator('button.quiz-reset').click();
    const left = await sec.locator('.quiz-feedback[data-status]').count() + await sec.locator('input[type="radio"]:checked').count();
    const stored = await page.evaluate((s) => window.localStorage.getItem(`pkru-reading:quiz:${s}`), stem);
    if (left || stored) rec.failures.push(`quiz ${stem}: "Reset this quiz" left ${left} answers on the page and ${stored ? 'the progress' : 'nothing'} in localStorage`);
    const score = (await sec.locator('.quiz-score').innerText()).replace(/\s+/g, ' ');
    if (!score.includes(`0 of ${doc.questions.length} answered`)) rec.failures.push(`quiz ${stem}: after reset the score reads "${score}"`);
  }
}

// ---------------------------------------------------------------- explorers
async function checkExplorers(page, rec) {
  const n = await page.locator('.explorer-live').count();
  rec.explorers = { found: n, ok: 0, inputs: 0 };
  for (let i = 0; i < n; i++) {
    const ex = page.locator('.explorer-live').nth(i);
    const before = rec.failures.length;
    // Vega-Lite parameter bindings under a chart, or the controls of an explorer made of precomputed views
    // (there only the inputs the build marked data-reacts must change the view from the starting one).
    const SEL = '.vega-bindings input, .vega-bindings select, .rv-controls input, .rv-controls select';
    const inputs = await ex.locator(SEL).evaluateAll((els) => {
      const seen = new Set();
      return els.map((e, k) => ({ k, type: e.tagName === 'SELECT' ? 'select' : e.type, name: e.name || '',
        views: !!e.closest('.rv-controls'), required: !e.closest('.rv-controls') || e.hasAttribute('data-reacts'),
        label: (e.closest('fieldset') || e.closest('label, .vega-bind') || e).textContent.trim().slice(0, 60) }))
        .filter((x) => { if (x.type !== 'radio') return true; if (seen.has(x.name)) return false; seen.add(x.name); return true; });
    });
    if (!inputs.length) { rec.failures.push(`explorer ${i + 1}: no inputs`); continue; }
    if (!inputs.some((x) => x.required)) rec.failures.push(`explorer ${i + 1}: none of its inputs changes what it shows`);
    for (const inp of inputs) {
      rec.explorers.inputs++;
      const el = ex.locator(SEL).nth(inp.k);
      const sig = () => ex.evaluate((e) => {
        const v = e.querySelector('.rv-output');
        if (v) return [...v.children].filter((c) => !c.hidden).map((c) => c.getAttribute('data-frag')).join(',')
          + '|' + [...v.querySelectorAll('.vega-embed svg.marks')].length;
        // the data marks only: a control that changes just a title has not changed what the chart shows
        const s = e.querySelector('.vega-embed svg.marks');
        return s ? [...s.querySelectorAll('g.role-mark')].map((g) => g.outerHTML).join('') : '';
      });
      const s0 = await sig();
      await el.focus();
      let keys = [];
      if (inp.type === 'range') {
        const atMax = await el.evaluate((e) => Number(e.value) >= Number(e.max));
        keys = Array(3).fill(atMax ? 'ArrowLeft' : 'ArrowRight');
      } else if (inp.type === 'select-one' || inp.type === 'select') {
        const last = await el.evaluate((e) => e.selectedIndex >= e.options.length - 1);
        keys = [last ? 'ArrowUp' : 'ArrowDown'];
      } else if (inp.type === 'checkbox') keys = ['Space'];
      else if (inp.type === 'radio') keys = ['ArrowRight'];
      else keys = ['ArrowUp'];
      let changed = false;
      const pressed = [];
      for (const k of keys) {
        await page.keyboard.press(k);
        pressed.push(k);
        const t0 = Date.now();
        while (Date.now() - t0 < 3000) { if ((await sig()) !== s0) { changed = true; break; } await sleep(50); }
        if (changed) break;
      }
      if (!changed && inp.required) rec.failures.push(`explorer ${i + 1}: the ${inp.type} "${inp.label}" did not change the ${inp.views ? 'view' : 'chart'} after ${keys.join(', ')}`);
      // put the input back, so that the next input is tried from the starting view
      const back = { ArrowRight: 'ArrowLeft', ArrowLeft: 'ArrowRight', ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp', Space: 'Space' };
      await el.focus();
      for (const k of pressed.reverse()) await page.keyboard.press(back[k] || k);
      await sleep(150);
    }
    if (rec.failures.length === before) rec.explorers.ok++;
  }
}

// ---------------------------------------------------------------- axe
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function checkAxe(page, rec) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.addScriptTag({ content: AXE });
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, n: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((x) => x.target.join(' ')), summary: (v.nodes[0] || {}).failureSummary || '' }));
  });
  rec.axe = { serious: 0, critical: 0, moderate: 0, minor: 0 };
  for (const v of res) {
    rec.axe[v.impact] = (rec.axe[v.impact] || 0) + v.n;
    const line = `axe ${v.impact}: ${v.id} (${v.help}) on ${v.n} element(s), e.g. ${v.targets.join(' | ')}`;
    if (v.impact === 'serious' || v.impact === 'critical') rec.failures.push(`${line}: ${v.summary.replace(/\s+/g, ' ').slice(0, 200)}`);
    else rec.notes.push(line);
  }
  await page.evaluate(() => document.querySelectorAll('details.cell-code, .toc-details').forEach((d) => { d.open = d.classList.contains('toc-details'); }));
}

// ---------------------------------------------------------------- one page
async function checkPage(ctx, base, name, rec) {
  const page = await ctx.newPage();
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('pageerror', (e) => rec.failures.push(`page error: ${String(e.message).slice(0, 200)}`));
  try {
    const resp = await page.goto(`${base}/${name}`, { waitUntil: 'load' });
    if (!resp || !resp.ok()) throw new Error(`GET ${name} answered ${resp ? resp.status() : 'nothing'}`);
    const tt = Date.now();
    const lap = (k) => { rec.phases[k] = Date.now() - tt; };
    const done = await waitCharts(page);
    lap('charts');
    rec.firstChartMs = await page.evaluate(() => window.__pkruFirstChart ?? null);
    const charts = await page.evaluate(chartState);
    const drawn = charts.filter((c) => c.drawn && c.dataMarks > 0);
    rec.charts = { figures: charts.length, drawn: drawn.length, live: charts.filter((c) => c.explorer).length };
    if (!done) rec.failures.push(`charts: not all drawn within ${CHART_TIMEOUT / 1000} s`);
    for (const c of charts) {
      if (!c.drawn) rec.failures.push(`chart ${c.n}: not drawn${c.error ? `: ${c.error.slice(0, 160)}` : ''}`);
      if (c.canvas) rec.failures.push(`chart ${c.n}: drawn on a canvas (the site draws SVG)`);
      if (c.drawn && c.role !== 'graphics-document') rec.failures.push(`chart ${c.n}: its view has no ARIA role (graphics-document)`);
      if (c.drawn && !c.description) rec.failures.push(`chart ${c.n}: the chart has no description for screen readers`);
      if (c.drawn && c.description && c.ariaLabel !== c.description) rec.failures.push(`chart ${c.n}: the view's aria-label is not the chart's description`);
      if (c.drawn && c.ariaMarks === 0) rec.failures.push(`chart ${c.n}: no mark carries ARIA (graphics-symbol/object)`);
      if (c.drawn && c.dataMarks === 0) rec.failures.push(`chart ${c.n}: drawn, but with no data marks (axes only)`);
      if (c.hasMenu && !c.menuLabel) rec.failures.push(`chart ${c.n}: the actions menu has no label`);
    }
    const want = EXPECT && EXPECT[name];
    if (want && drawn.length !== want.charts) rec.failures.push(`charts: ${drawn.length} drawn, ${want.charts} in the executed notebook (${want.why || ''})`);
    let tips = 0;
    for (const c of drawn) {
      if (await tooltipShows(page, c.n)) tips++;
      else rec.failures.push(`chart ${c.n}: no tooltip under the pointer over its marks`);
    }
    rec.charts.tooltips = tips;
    lap('tooltips');
    await checkExplorers(page, rec);
    lap('explorers');
    if (want && rec.explorers.found !== want.explorers_live) rec.failures.push(`explorers: ${rec.explorers.found} kernel-free explorers on the page, ${want.explorers_live} expected`);
    const stems = await checkQuizzes(page, rec);
    if (want && rec.quizzes.found !== want.quizzes) rec.failures.push(`quizzes: ${rec.quizzes.found} on the page, ${want.quizzes} expected`);
    lap('quizzes');
    await checkAxe(page, rec);
    lap('axe');
    await checkQuizPersistence(page, rec, stems);
    lap('reload');
    const errors = await page.$$eval('.chart-error', (els) => els.map((e) => e.textContent));
    for (const e of errors) rec.failures.push(`on the page: ${e.slice(0, 200)}`);
  } catch (e) {
    rec.failures.push(`harness: ${String(e.message).split('\n')[0]}`);
  } finally {
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ARTIFACTS, `site__${name.replace(/\.html$/, '')}.png`), fullPage: true, timeout: 30000 });
    } catch (e) { rec.notes.push(`screenshot failed: ${String(e.message).split('\n')[0]}`); }
    await page.close().catch(() => {});
  }
}

// First chart drawn after navigation (ms from navigation start), median of n loads. cold: the browser's cache
// is off for every load; otherwise the loads follow each other as a reader's would (the first one cold).
async function timeFirstChart(browser, base, name, n, cold) {
  const times = [];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.route((u) => !isLocal(u.href, base), (route) => route.abort('blockedbyclient'));
  for (let i = 0; i < n; i++) {
    const page = await ctx.newPage();
    if (cold) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    await page.goto(`${base}/${name}`, { waitUntil: 'load' });
    await waitCharts(page);
    times.push(await page.evaluate(() => window.__pkruFirstChart ?? null));
    await page.close();
  }
  await ctx.close();
  const ok = times.filter((t) => t != null).sort((a, b) => a - b);
  return { loads: times, median: ok.length ? ok[Math.floor(ok.length / 2)] : null };
}

function isLocal(u, base) {
  if (/^(data|blob|about):/.test(u)) return true;
  try { return new URL(u).origin === new URL(base).origin; } catch { return false; }
}

async function main() {
  if (!CHROMIUM || !fs.existsSync(CHROMIUM)) setupError('no Chromium found: apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH');
  if (!fs.existsSync(path.join(SITE, 'index.html'))) setupError(`no site at ${SITE}: build it with python3 scripts/course.py site`);
  const pages = ONLY || fs.readdirSync(SITE).filter((f) => f.endsWith('.html')).sort();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = await serve(SITE);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pkru-site-profile-'));
  const t0 = Date.now();
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  await ctx.route((u) => !isLocal(u.href, base), (route) => route.abort('blockedbyclient'));
  for (const p of ctx.pages()) await p.close();
  console.log(`site tests: ${pages.length} page(s) of ${SITE} served at ${base}`);
  const results = [];
  try {
    if (TIMING_ONLY) {
      const timing = {};
      const browser = ctx.browser() || await chromium.launch({ executablePath: CHROMIUM, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'] });
      const n = Math.max(1, TIMING_LOADS);
      for (const name of pages) {
        const cold = await timeFirstChart(browser, base, name, n, true);
        const nav = await timeFirstChart(browser, base, name, n, false);
        timing[name] = { ...nav, cold };
        const f = (m) => (m == null ? 'n/a (no chart)' : `${(m / 1000).toFixed(3)} s`);
        console.log(`${name}: first chart ${f(nav.median)} (median of ${n} loads in a row), ${f(cold.median)} (median of ${n} cold loads)`);
      }
      if (browser !== ctx.browser()) await browser.close();
      fs.writeFileSync(path.join(ARTIFACTS, 'site-timing.json'), JSON.stringify(timing, null, 2));
      return;
    }
    for (const name of pages) {
      const rec = { page: name, failures: [], notes: [], requests: [], phases: {} };
      await checkPage(ctx, base, name, rec);
      const off = [...new Set(rec.requests.filter((u) => !isLocal(u, base)))];
      for (const u of off) rec.failures.push(`offline: a request off the site's origin: ${u.slice(0, 200)}`);
      rec.requestCount = rec.requests.length;
      delete rec.requests;
      results.push(rec);
      const c = rec.charts ? `charts ${rec.charts.drawn}/${rec.charts.figures} (tooltips ${rec.charts.tooltips ?? '?'})` : 'charts ?';
      const e = rec.explorers ? `explorers ${rec.explorers.ok}/${rec.explorers.found} (${rec.explorers.inputs} inputs)` : 'explorers ?';
      const q = rec.quizzes ? `quizzes ${rec.quizzes.ok}/${rec.quizzes.found} (${rec.quizzes.questions} questions)` : 'quizzes ?';
      const a = rec.axe ? `axe serious ${rec.axe.serious || 0} critical ${rec.axe.critical || 0} (moderate ${rec.axe.moderate || 0}, minor ${rec.axe.minor || 0})` : 'axe ?';
      const fc = rec.firstChartMs != null ? `, first chart ${(rec.firstChartMs / 1000).toFixed(2)} s` : '';
      const tm = '';
      const ph = Object.entries(rec.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ');
      console.log(`${rec.failures.length ? 'FAIL' : 'ok  '} ${name}: ${c}, ${e}, ${q}, ${a}; ${rec.requestCount} requests${fc}${tm} [s since load: ${ph}]`);
      for (const f of rec.failures) console.log(`       - ${f}`);
      for (const n of rec.notes) console.log(`       (note) ${n}`);
    }
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    if (!TIMING_ONLY) fs.writeFileSync(path.join(ARTIFACTS, 'site-results.json'), JSON.stringify(results, null, 2));
  }
  if (TIMING_ONLY) return;
  const failed = results.filter((r) => r.failures.length);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed (pages) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (failed.length) {
    for (const r of failed) for (const f of r.failures) console.log(`FAIL ${r.page}: ${f}`);
    process.exitCode = 1;
  }
}

process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopServer(); process.exit(130); });
try {
  await main();
} catch (e) {
  if (!(e instanceof SetupError)) { console.error(`HARNESS ERROR: ${e.stack || e}`); process.exitCode = 2; }
} finally {
  stopServer();
}
