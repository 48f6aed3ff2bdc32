#!/usr/bin/env node
// Browser test harness for the course notebooks: JupyterLab and Voila in headless Chromium.
//
// USAGE (from the repo root)
//   cd tests/browser && npm ci                     # once; installs playwright-core only, never a browser
//   node tests/browser/run.mjs                     # every notebook with status: ready in course.yml
//   node tests/browser/run.mjs notebooks/00_start_here.ipynb other.ipynb   # explicit notebooks
//   node tests/browser/run.mjs --frontends=voila   # only one front end (also: BROWSER_FRONTENDS=lab)
//   node tests/browser/run.mjs --help
//
// ENVIRONMENT
//   BROWSER_ARTIFACTS        screenshots + results go here (default tests/browser/artifacts/, git-ignored)
//   BROWSER_FRONTENDS        comma list, "lab,voila" (default) | "lab" | "voila"; --frontends= wins
//   BROWSER_BIN              folder holding jupyter, voila and python (default <repo>/.venv/bin if it
//                            exists, else whatever is on PATH)
//   CHROMIUM_PATH            browser binary (default /usr/bin/chromium, else chromium on PATH)
//   BROWSER_RUN_TIMEOUT_S    max seconds for one notebook to execute (default 120)
//   BROWSER_CHART_TIMEOUT_S  max seconds to wait for the expected charts after execution (default 30)
//   BROWSER_WIDGET_TIMEOUT_S max seconds for one widget reaction (quiz feedback, explorer redraw; default 15)
//   BROWSER_VOILA_ARGS       extra arguments for voila, space-separated (e.g. "--template=pkru")
//   JUPYTER_PATH             kept, after <repo>/share/jupyter, for both servers
//
// EXIT STATUS: 0 all checks passed; 1 at least one check failed (each failure printed as
//   "FAIL <frontend> <notebook>: <reason>"); 2 the harness could not run (no chromium, server did not start...).
//
// DESIGN
// * Servers: ONE JupyterLab and ONE Voila process for the whole run, both bound to 127.0.0.1 on free ports,
//   both serving the deepest folder that holds every notebook under test (notebooks/ for the manifest).
//   - JupyterLab (toolchain.md section 4): temp JUPYTER_CONFIG_DIR / JUPYTER_RUNTIME_DIR, random token,
//     --LabApp.expose_app_in_browser (the test drives window.jupyterapp commands, no menu clicking),
//     NeverCheckForUpdate, and user settings written into the temp config dir: news/update checks and toasts
//     off, autosave OFF (the run must never write executed outputs back into the repo's notebooks), notebook
//     windowingMode "none" (every cell is in the DOM, so charts can be counted).
//   - Voila: `voila <folder> --no-browser`, started with cwd = repo root so the repo's voila.json (if any)
//     applies, and with <repo>/share/jupyter prepended to JUPYTER_PATH so a custom template kept there
//     (share/jupyter/voila/templates/<name>) is found. --show_tracebacks=True so errors are visible.
//     Each notebook opens at /voila/render/<path relative to the folder>.
// * Browser: Debian's chromium through playwright-core, launchPersistentContext on a fresh mkdtemp profile.
//   Name resolution for every host except localhost/127.0.0.1 is disabled (--host-resolver-rules) and
//   non-local requests are aborted by a route handler, so a test run never sends traffic off the machine;
//   such requests are still recorded and fail the "offline" check.
// * Per notebook and front end, in order:
//   1. open it; Lab: wait for the kernel, clear outputs, notebook:run-all-cells, wait until every cell is idle.
//      Voila: the page itself executes the notebook; wait for the loading spinner to go.
//   2. expected charts = outputs whose mime bundle carries a Vega/Vega-Lite type. Lab: counted in the notebook
//      model (cell output areas). Voila: counted in the served HTML (the cell-output JSON that the page renders).
//      Plus the charts rendered inside Output widgets (found in the DOM as Vega renderers under a widget).
//      Drawn charts = Vega renderers holding a .vega-embed with canvas.marks/svg.marks. drawn < expected fails,
//      and so does a lesson notebook (notebooks/) with no chart output at all.
//   3. errors: stderr outputs with a Traceback/Error, .jp-RenderedText containing "Error", any
//      "Javascript Error", "Error displaying widget", Voila's "There was an error when executing cell", and
//      Altair's "renderer has not been properly enabled" text fallback.
//   4. widgets with CSS class pkru-explorer: press ArrowRight (ArrowLeft if the handle is at its maximum) on the
//      first slider handle, up to 10 steps (or toggle a checkbox, a toggle
//      button, pick another toggle-buttons entry or dropdown option); the chart/table/output DOM inside must change.
//   5. widgets with CSS class pkru-quiz: every .pkru-quiz-question in it carries pkru-answer-<index>
//      (0-based option index). Per question: "Check answer" with nothing chosen -> .pkru-quiz-feedback
//      contains "Choose"; a wrong option -> "Not quite"; the right option -> "Correct". Radio buttons, button
//      and feedback are looked up inside the question element, else inside the .pkru-quiz. Clicks are real
//      pointer clicks; if the pointer cannot reach an element within 5 s (covered, still moving) the harness
//      clicks it through the DOM and prints a "(note)", so a layout hiccup is visible but does not fail the quiz.
//   6. Voila only: axe-core (from node_modules, injected into the page, so not a request) after the quizzes
//      and explorers were used: any serious or critical violation fails; every count is kept in results.json
//      (rec.axe) and printed. JupyterLab's own interface is not the course's and is not checked.
//   7. errors again (callbacks may print tracebacks into Output widgets), offline check over all requests
//      and websockets, full-page screenshot <frontend>__<notebook>.png (also taken when a check failed).
// * Timing printed per notebook: first chart = navigation start -> first drawn Vega chart (in Lab only charts
//   drawn after run-all count); ready = execution finished and charts drawn; total = all checks done.
// * Results: printed, plus <artifacts>/results.json, <frontend>__<notebook>.requests.txt and the server logs
//   (jupyterlab.log, voila.log).
// * Kernels are shut down after each notebook; servers are stopped at exit (also on Ctrl-C / SIGTERM).
// * Nothing in the repo is written: Lab autosave is off, and the kernels get PKRU_WORK=<temp dir>, so the
//   quiz answers the test clicks do not land in the learner's work/progress.json.

import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cli, freePort } from './cli.mjs';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const env = process.env;

// ---------------------------------------------------------------- configuration
const { argv, flag } = cli(import.meta.url);
const FRONTENDS = (flag('frontends') || env.BROWSER_FRONTENDS || 'lab,voila').split(',').map((s) => s.trim()).filter(Boolean);
const ARTIFACTS = path.resolve(env.BROWSER_ARTIFACTS || path.join(HERE, 'artifacts'));
const secs = (v, d) => (Number(v) > 0 ? Number(v) : d) * 1000;
const RUN_TIMEOUT = secs(env.BROWSER_RUN_TIMEOUT_S, 120);
const CHART_TIMEOUT = secs(env.BROWSER_CHART_TIMEOUT_S, 30);
const WIDGET_TIMEOUT = secs(env.BROWSER_WIDGET_TIMEOUT_S, 15);
const VOILA_ARGS = (env.BROWSER_VOILA_ARGS || '').split(/\s+/).filter(Boolean);
// axe-core is read once; a missing module is a set-up error (npm ci), not a silently skipped check
let AXE = null;
function axeSource() {
  if (AXE) return AXE;
  try { AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'); } catch (e) {
    setupError(`axe-core not installed (cd tests/browser && npm ci): ${e.message.split('\n')[0]}`);
  }
  return AXE;
}
const VEGA_MIME = /^application\/vnd\.vega(lite)?\.v\d+(\+json|\.json)$/;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function which(cmd) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}
function setupError(msg) { console.error(`SETUP ERROR: ${msg}`); process.exitCode = 2; throw new SetupError(msg); }
class SetupError extends Error {}

const BIN = env.BROWSER_BIN || (fs.existsSync(path.join(REPO, '.venv', 'bin', 'jupyter')) ? path.join(REPO, '.venv', 'bin') : '');
const tool = (name) => (BIN ? path.join(BIN, name) : which(name) || name);
const CHROMIUM = env.CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : which('chromium') || which('chromium-browser'));

// ---------------------------------------------------------------- notebooks
function readManifest() {
  const manifest = path.join(REPO, 'course.yml');
  if (!fs.existsSync(manifest)) setupError(`no notebook arguments and no manifest at ${manifest}`);
  const py = `import json, sys, yaml\nprint(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))`;
  const r = spawnSync(tool('python'), ['-c', py, manifest], { encoding: 'utf8' });
  if (r.status !== 0) setupError(`cannot read ${manifest} with ${tool('python')} + PyYAML: ${r.error || r.stderr}`);
  const data = JSON.parse(r.stdout);
  return (data.notebooks || []).filter((n) => n.status === 'ready')
    .map((n) => path.join(REPO, 'notebooks', `${n.id}_${n.slug}.ipynb`));
}
function commonDir(files) {
  const parts = files.map((f) => path.dirname(f).split(path.sep));
  const out = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) out.push(parts[0][i]);
  return out.join(path.sep) || path.sep;
}

// ---------------------------------------------------------------- servers
const children = [];
let TMP = null;   // temp dir of this run (server config, logs, browser profile); removed at exit
let CTX = null;   // the browser context, closed first on Ctrl-C
const removeTmp = () => { try { if (TMP) fs.rmSync(TMP, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch { /* leave it */ } };
function startProcess(name, cmd, args, opts, logFile) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', log, log], detached: true });
  child.on('error', (e) => fs.appendFileSync(logFile, `\n[harness] spawn error: ${e.message}\n`));
  children.push({ name, child, logFile });
  return child;
}
function tail(file, n = 25) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return ''; }
}
async function waitHttp(url, child, name, logFile, timeoutMs = 60000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) setupError(`${name} exited with code ${child.exitCode}:\n${tail(logFile)}`);
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
    await sleep(250);
  }
  setupError(`${name} did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writeJson(file, obj) { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, JSON.stringify(obj, null, 2)); }

async function startLab(root, tmp) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const cfg = path.join(tmp, 'lab-config');
  const us = path.join(cfg, 'lab', 'user-settings', '@jupyterlab');
  writeJson(path.join(us, 'apputils-extension', 'notification.jupyterlab-settings'), { checkForUpdates: false, fetchNews: 'false', doNotDisturbMode: true });
  writeJson(path.join(us, 'docmanager-extension', 'plugin.jupyterlab-settings'), { autosave: false });
  writeJson(path.join(us, 'notebook-extension', 'tracker.jupyterlab-settings'), { windowingMode: 'none' });
  const logFile = path.join(tmp, 'jupyterlab.log');
  const child = startProcess('JupyterLab', tool('jupyter'), ['lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    '--port-retries=0', '--allow-root', `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`,
    '--LabApp.expose_app_in_browser=True', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
  { cwd: REPO, env: { ...env, JUPYTER_CONFIG_DIR: cfg, JUPYTER_RUNTIME_DIR: path.join(tmp, 'lab-runtime'), JUPYTER_PATH: jupyterPath(), PKRU_WORK: path.join(tmp, 'work') } }, logFile);
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/api/status?token=${token}`, child, 'JupyterLab', logFile);
  return { base, token, logFile };
}
function jupyterPath() {
  const own = path.join(REPO, 'share', 'jupyter');
  return [fs.existsSync(own) ? own : null, env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
}
async function startVoila(root, tmp) {
  const port = await freePort();
  const logFile = path.join(tmp, 'voila.log');
  const child = startProcess('Voila', tool('voila'), [root, '--no-browser', '--Voila.ip=127.0.0.1', `--port=${port}`,
    '--Voila.port_retries=0', '--show_tracebacks=True', ...VOILA_ARGS],
  { cwd: REPO, env: { ...env, JUPYTER_CONFIG_DIR: path.join(tmp, 'voila-config'), JUPYTER_RUNTIME_DIR: path.join(tmp, 'voila-runtime'), JUPYTER_PATH: jupyterPath(), PKRU_WORK: path.join(tmp, 'work') } }, logFile);
  const base = `http://127.0.0.1:${port}`;
  // The tree page of a folder is cheap (it starts no kernel); never poll a notebook URL.
  await waitHttp(`${base}/`, child, 'Voila', logFile);
  return { base, logFile };
}
function keepLogs() {
  // the server logs go next to the screenshots (the temp dir is removed)
  for (const { logFile } of children) {
    try { fs.copyFileSync(logFile, path.join(ARTIFACTS, path.basename(logFile))); } catch { /* none */ }
  }
}
async function stopAll() {
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) { try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ } }
  }
  const t0 = Date.now();
  while (Date.now() - t0 < 8000 && children.some(({ child }) => child.exitCode === null && child.signalCode === null)) await sleep(100);
  for (const { child } of children) {
    // the process group holds the kernels the server started
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

// ---------------------------------------------------------------- page helpers
function isLocalUrl(u) {
  if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return true;
  try { return LOCAL_HOSTS.has(new URL(u).hostname); } catch { return false; }
}
function recordTraffic(page, rec) {
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('websocket', (ws) => rec.requests.push(ws.url()));
  page.on('pageerror', (e) => rec.notes.push(`page error: ${String(e.message).slice(0, 200)}`));
}
// Installed before any page script: records when the first Vega chart is drawn (performance.now() is
// measured from navigation start). window.__pkruArm() restarts the measurement (Lab: at run-all).
function firstChartProbe() {
  const sel = '.vega-embed canvas.marks, .vega-embed svg.marks';
  let obs = null;
  window.__pkruArm = () => {
    window.__pkruFirstChart = undefined;
    if (obs) obs.disconnect();
    obs = new MutationObserver(() => {
      if (document.querySelector(sel)) { window.__pkruFirstChart = performance.now(); obs.disconnect(); }
    });
    obs.observe(document, { childList: true, subtree: true });
  };
  window.__pkruArm();
}

// Runs in the page: everything that is an error on the page, deduplicated.
function collectErrors() {
  const out = new Set();
  const short = (t) => t.replace(/\s+/g, ' ').trim().slice(0, 300);
  for (const el of document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
    if (/Traceback|Error/.test(el.textContent)) out.add(`error output: ${short(el.textContent)}`);
  }
  for (const el of document.querySelectorAll('.jp-RenderedText')) {
    if (/Error/.test(el.textContent)) out.add(`error output: ${short(el.textContent)}`);
  }
  const text = document.body ? document.body.innerText : '';
  for (const pat of [/Javascript Error[^\n]*/g, /Error displaying widget[^\n]*/g, /There was an error when executing cell[^\n]*/g,
    /If you see this message, it means the renderer has not been properly enabled/g]) {
    for (const m of text.matchAll(pat)) {
      if (![...out].some((o) => o.includes(m[0].slice(0, 40)))) out.add(`error on page: ${short(m[0])}`);
    }
  }
  return [...out];
}
// Runs in the page: Vega renderers (one per chart output, top level or inside a widget) and how many drew marks.
function chartCounts() {
  const renderers = [...document.querySelectorAll('.jp-RenderedVegaCommon5')];
  const drawn = (r) => !!r.querySelector('.vega-embed canvas.marks, .vega-embed svg.marks');
  const inWidget = renderers.filter((r) => r.closest('.jupyter-widgets, .widget-output'));
  return { renderers: renderers.length, drawn: renderers.filter(drawn).length, inWidget: inWidget.length };
}

// First line of a Playwright error plus the call-log lines that say why (e.g. "... intercepts pointer events").
function errText(e) {
  const lines = String(e && e.message ? e.message : e).split('\n').map((l) => l.trim()).filter(Boolean);
  const why = lines.filter((l) => /intercepts pointer events|not visible|not stable|not enabled|detached|outside of the viewport/.test(l));
  return [lines[0], ...[...new Set(why)].slice(0, 2)].join(' | ').slice(0, 400);
}

async function waitQuiet(page, quietMs, maxMs) {
  // resolves once the DOM has not changed for quietMs (or after maxMs)
  await page.evaluate(([q, m]) => new Promise((resolve) => {
    let timer = setTimeout(done, q);
    const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, q); });
    const hard = setTimeout(done, m);
    function done() { obs.disconnect(); clearTimeout(timer); clearTimeout(hard); resolve(); }
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  }), [quietMs, maxMs]);
}

async function waitForCharts(page, expectedTop, rec) {
  // wait until all expected charts are drawn; a short timeout so a broken chart does not stall the run
  const t0 = Date.now();
  let c;
  for (;;) {
    c = await page.evaluate(chartCounts);
    if (c.drawn >= expectedTop + c.inWidget && c.renderers >= expectedTop) break;
    if (Date.now() - t0 > CHART_TIMEOUT) break;
    await sleep(200);
  }
  rec.charts = { expected: expectedTop + c.inWidget, drawn: c.drawn, topLevelOutputs: expectedTop, inWidgets: c.inWidget };
  if (expectedTop + c.inWidget === 0 && String(rec.notebook || '').startsWith('notebooks/')) {
    // every lesson notebook draws charts; none at all means they no longer reach the page as Vega-Lite
    // (e.g. Altair fell back to its CDN-loading HTML renderer), which a count of 0 of 0 would hide
    rec.failures.push('charts: no chart output at all (a lesson notebook always has charts; is the course renderer on?)');
  }
  if (c.drawn < expectedTop + c.inWidget) {
    rec.failures.push(`charts: ${c.drawn} drawn of ${expectedTop + c.inWidget} expected `
      + `(${expectedTop} chart outputs in the notebook, ${c.inWidget} in widgets, ${c.renderers} Vega renderers on the page)`);
  }
}

// ---------------------------------------------------------------- widget checks
// Runs in the page on a .pkru-explorer element: a signature of its chart/table/output part (not its controls).
function explorerSignature(el, mark) {
  const h = (s) => { let x = 0; for (let i = 0; i < s.length; i++) x = (x * 31 + s.charCodeAt(i)) | 0; return x.toString(16); };
  const parts = [];
  for (const r of el.querySelectorAll('.widget-output, table, .vega-embed')) parts.push(`${r.className}:${h(r.textContent || '')}`);
  for (const c of el.querySelectorAll('.vega-embed canvas')) { try { parts.push(`canvas:${c.width}x${c.height}:${h(c.toDataURL())}`); } catch { parts.push('canvas:?'); } }
  for (const s of el.querySelectorAll('.vega-embed svg.marks')) parts.push(`svg:${h(s.outerHTML)}`);
  let fresh = 0;
  for (const r of el.querySelectorAll('.vega-embed, table')) {
    if (!r.dataset.pkruSeen) fresh++;
    if (mark) r.dataset.pkruSeen = '1';
  }
  return { sig: parts.join('|'), fresh, outputs: el.querySelectorAll('.widget-output, table, .vega-embed').length,
    charts: el.querySelectorAll('.vega-embed canvas.marks, .vega-embed svg.marks').length };
}

async function checkExplorers(page, rec) {
  const explorers = page.locator('.pkru-explorer');
  const n = await explorers.count();
  rec.explorers = { found: n, ok: 0 };
  for (let i = 0; i < n; i++) {
    const ex = explorers.nth(i);
    const label = `explorer #${i + 1}`;
    try {
      await ex.scrollIntoViewIfNeeded();
      const before = await ex.evaluate(explorerSignature, true);
      if (before.outputs === 0) { rec.failures.push(`${label}: no chart, table or Output widget inside .pkru-explorer`); continue; }
      const changed = async () => {
        const now = await ex.evaluate(explorerSignature, false);
        return (now.sig !== before.sig || now.fresh > 0) && now.charts >= before.charts;
      };
      const waitChange = async (ms) => {
        const t0 = Date.now();
        while (Date.now() - t0 < ms) { if (await changed()) return true; await sleep(150); }
        return changed();
      };
      const deadline = Date.now() + WIDGET_TIMEOUT;
      let how = null; let ok = false;
      const handle = ex.locator('.noUi-handle').first();
      const checkbox = ex.locator('input[type=checkbox]').first();
      const toggle = ex.locator('button.widget-toggle-button').first();
      const toggles = ex.locator('.widget-toggle-buttons button:not(.mod-active)').first();
      const select = ex.locator('select').first();
      if (await handle.count()) {
        // ArrowRight, unless the handle already sits at its maximum (then ArrowLeft)
        const [now, max] = await handle.evaluate((h) => [Number(h.getAttribute('aria-valuenow')), Number(h.getAttribute('aria-valuemax'))]);
        const key = Number.isFinite(now) && Number.isFinite(max) && now >= max ? 'ArrowLeft' : 'ArrowRight';
        how = `${key} on the slider`;
        await handle.focus();
        // one step may not change a filtered view; keep stepping (bounded) until something changes
        for (let k = 0; k < 10 && !ok && Date.now() < deadline; k++) {
          await handle.press(key);
          ok = await waitChange(Math.min(2500, Math.max(0, deadline - Date.now())));
        }
      } else if (await checkbox.count()) {
        how = 'toggling the checkbox'; await checkbox.click(); ok = await waitChange(WIDGET_TIMEOUT);
      } else if (await toggle.count()) {
        how = 'clicking the toggle button'; await toggle.click(); ok = await waitChange(WIDGET_TIMEOUT);
      } else if (await toggles.count()) {
        how = 'choosing another toggle button'; await toggles.click(); ok = await waitChange(WIDGET_TIMEOUT);
      } else if (await select.count()) {
        how = 'choosing another dropdown option';
        const opts = await select.evaluate((s) => [...s.options].map((o, j) => (j === s.selectedIndex ? null : o.value)).filter((v) => v !== null));
        if (opts.length) { await select.selectOption(opts[0]); ok = await waitChange(WIDGET_TIMEOUT); }
      } else {
        rec.failures.push(`${label}: no slider, checkbox, toggle button or dropdown to interact with`);
        continue;
      }
      if (ok) rec.explorers.ok++;
      else rec.failures.push(`${label}: chart/table/output did not change after ${how} (waited ${WIDGET_TIMEOUT / 1000} s)`);
    } catch (e) {
      rec.failures.push(`${label}: interaction failed: ${errText(e)}`);
    }
  }
}

async function checkQuizzes(page, rec) {
  // A .pkru-quiz holds one or more .pkru-quiz-question elements, each with class pkru-answer-<index>.
  // When the question element holds its own radio buttons, "Check answer" button and .pkru-quiz-feedback
  // (pkru.quiz: one box per question), those are used; otherwise the enclosing .pkru-quiz's.
  const quizzes = page.locator('.pkru-quiz');
  const n = await quizzes.count();
  rec.quizzes = { found: n, ok: 0, questions: 0 };
  for (let i = 0; i < n; i++) {
    const quiz = quizzes.nth(i);
    const questions = quiz.locator('.pkru-quiz-question');
    const nq = await questions.count();
    if (!nq) { rec.failures.push(`quiz #${i + 1}: no .pkru-quiz-question element`); continue; }
    let allOk = true;
    for (let j = 0; j < nq; j++) {
      rec.quizzes.questions++;
      const ok = await checkQuestion(quiz, questions.nth(j), nq > 1 ? `quiz #${i + 1} question ${j + 1}` : `quiz #${i + 1}`, rec);
      allOk = allOk && ok;
    }
    if (allOk) rec.quizzes.ok++;
  }
}

// Click like a user; if the pointer cannot reach the element within a few seconds (something covers it or
// it keeps moving), click it through the DOM instead and leave a note, so one layout hiccup does not hide
// whether the quiz logic works.
async function press(locator, label, rec) {
  try {
    await locator.click({ timeout: 5000 });
  } catch (e) {
    rec.notes.push(`${label}: pointer click failed (${errText(e)}); clicked through the DOM`);
    await locator.evaluate((el) => el.click());
  }
}

async function checkQuestion(quiz, question, label, rec) {
  const fail = (msg) => { rec.failures.push(`${label}: ${msg}`); return false; };
  try {
    await question.scrollIntoViewIfNeeded();
    const m = /(?:^|\s)pkru-answer-(\d+)(?:\s|$)/.exec((await question.getAttribute('class')) || '');
    if (!m) return fail('.pkru-quiz-question has no pkru-answer-<index> class');
    const answer = Number(m[1]);
    const scope = (await question.locator('input[type=radio]').count()) ? question : quiz;
    const options = scope.locator('input[type=radio]');
    const nOpt = await options.count();
    if (nOpt < 2 || answer >= nOpt) return fail(`${nOpt} radio options, answer index ${answer}`);
    const button = scope.locator('button', { hasText: /check answer/i }).first();
    if (!(await button.count())) return fail('no "Check answer" button');
    const feedback = scope.locator('.pkru-quiz-feedback').first();
    if (!(await feedback.count())) return fail('no .pkru-quiz-feedback element');
    const expectFeedback = async (step, want, notWant) => {
      const t0 = Date.now(); let text = '';
      while (Date.now() - t0 < WIDGET_TIMEOUT) {
        text = (await feedback.innerText()).trim();
        if (want.test(text) && !(notWant && notWant.test(text))) return true;
        await sleep(150);
      }
      return fail(`${step}: feedback should match ${want} but is ${JSON.stringify(text.slice(0, 160))}`);
    };
    let ok = true;
    await press(button, label, rec);
    ok = (await expectFeedback('"Check answer" with nothing chosen', /Choose/i)) && ok;
    const wrong = answer === 0 ? 1 : 0;
    await press(options.nth(wrong), label, rec);
    await press(button, label, rec);
    ok = (await expectFeedback(`wrong option #${wrong}`, /Not quite/, /Correct/)) && ok;
    await press(options.nth(answer), label, rec);
    await press(button, label, rec);
    ok = (await expectFeedback(`right option #${answer}`, /Correct/, /Not quite/)) && ok;
    return ok;
  } catch (e) {
    return fail(`interaction failed: ${errText(e)}`);
  }
}

// ---------------------------------------------------------------- front ends
async function runLab(ctx, lab, nb, rel, rec) {
  const page = await ctx.newPage();
  recordTraffic(page, rec);
  try {
    await page.addInitScript(firstChartProbe);
    const t0 = Date.now();
    const url = `${lab.base}/lab/tree/${rel.split('/').map(encodeURIComponent).join('/')}?reset&token=${lab.token}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.waitForFunction((p) => {
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      return w && w.context && w.context.path === p && w.content && w.content.widgets.length > 0;
    }, rel, { timeout: 90000 });
    // a kernel-choice dialog (unknown kernelspec) would block: accept its default
    const dialog = page.locator('.jp-Dialog .jp-mod-accept');
    const kernelIdle = () => page.evaluate(() => {
      const s = window.jupyterapp.shell.currentWidget.sessionContext;
      return !!(s.session && s.session.kernel && s.session.kernel.status === 'idle');
    });
    for (const tEnd = Date.now() + 90000; !(await kernelIdle());) {
      if (await dialog.count()) await dialog.first().click();
      if (Date.now() > tEnd) throw new Error('kernel did not become idle within 90 s');
      await sleep(200);
    }
    await page.evaluate(() => {
      const c = window.jupyterapp.commands;
      window.__pkruRun = { done: false, error: null };
      c.execute('notebook:clear-all-cell-outputs')
        .then(() => { window.__pkruArm(); return c.execute('notebook:run-all-cells'); })
        .then(() => { window.__pkruRun.done = true; }, (e) => { window.__pkruRun.done = true; window.__pkruRun.error = String(e); });
    });
    await page.waitForFunction(() => window.__pkruRun.done, null, { timeout: RUN_TIMEOUT, polling: 250 });
    // run-all resolves when execution stops (also at an error); wait for idle cells and kernel
    await page.waitForFunction(() => {
      const w = window.jupyterapp.shell.currentWidget;
      const busy = w.content.widgets.some((c) => c.model.type === 'code' && c.model.executionState === 'running');
      return !busy && w.sessionContext.session.kernel.status === 'idle';
    }, null, { timeout: RUN_TIMEOUT, polling: 250 });
    const runError = await page.evaluate(() => window.__pkruRun.error);
    if (runError) rec.failures.push(`run-all-cells failed: ${runError}`);
    const model = await page.evaluate((vega) => {
      const re = new RegExp(vega);
      let charts = 0; let cells = 0; let notRun = 0;
      for (const cell of window.jupyterapp.shell.currentWidget.content.widgets) {
        if (cell.model.type !== 'code') continue;
        cells++;
        if (cell.model.executionCount === null && cell.model.sharedModel.getSource().trim()) notRun++;
        const outs = cell.model.outputs;
        for (let i = 0; i < outs.length; i++) if (Object.keys(outs.get(i).data || {}).some((k) => re.test(k))) charts++;
      }
      return { charts, cells, notRun };
    }, VEGA_MIME.source);
    if (model.notRun) rec.failures.push(`${model.notRun} of ${model.cells} code cells were not executed (execution stopped early?)`);
    await waitQuiet(page, 500, 5000);
    await waitForCharts(page, model.charts, rec);
    rec.readyMs = Date.now() - t0;
    await checkPage(page, rec);
    rec.totalMs = Date.now() - t0;
    rec.firstChartMs = await page.evaluate(() => window.__pkruFirstChart ?? null);
  } catch (e) {
    rec.failures.push(`harness: ${String(e.message).split('\n')[0]}`);
    rec.notes.push(`last lines of the JupyterLab log:\n${tail(lab.logFile, 8)}`);
  } finally {
    await screenshot(page, rec);
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()).catch(() => {});
    await page.close().catch(() => {});
  }
}

async function runVoila(ctx, voila, nb, rel, rec) {
  const page = await ctx.newPage();
  recordTraffic(page, rec);
  try {
    await page.addInitScript(firstChartProbe);
    const t0 = Date.now();
    const url = `${voila.base}/voila/render/${rel.split('/').map(encodeURIComponent).join('/')}`;
    // Voila executes the notebook while it streams the page; "load" comes once every cell has run.
    let resp;
    try {
      resp = await page.goto(url, { waitUntil: 'load', timeout: RUN_TIMEOUT });
    } catch (e) {
      // Voila streams the page while it executes; a cell that never finishes leaves the spinner up
      const where = await page.evaluate(() => (document.getElementById('loading_text') || {}).textContent).catch(() => null);
      throw new Error(`Voila did not finish executing the notebook within ${RUN_TIMEOUT / 1000} s`
        + `${where ? ` (the page still shows "${where.trim()}": the next cell hangs server-side)` : ''}: ${errText(e)}`);
    }
    if (!resp || !resp.ok()) throw new Error(`GET ${url} answered ${resp ? resp.status() : 'nothing'}`);
    const html = await resp.text();
    // expected charts: the cell outputs the server put into the page
    let expected = 0;
    for (const m of html.matchAll(/<script type="application\/vnd\.voila\.cell-output\+json">([\s\S]*?)<\/script>/g)) {
      try {
        const out = JSON.parse(m[1]);
        if (Object.keys(out.data || {}).some((k) => VEGA_MIME.test(k))) expected++;
        if (out.output_type === 'error') rec.failures.push(`cell error: ${out.ename}: ${String(out.evalue).slice(0, 200)}`);
      } catch { /* not JSON: ignore */ }
    }
    await page.waitForFunction(() => {
      const cells = document.getElementById('rendered_cells');
      return !document.getElementById('loading') && cells && cells.style.display !== 'none';
    }, null, { timeout: RUN_TIMEOUT, polling: 250 });
    await waitQuiet(page, 700, 10000);   // widget views arrive from the kernel after the page is shown
    await waitForCharts(page, expected, rec);
    rec.readyMs = Date.now() - t0;
    await checkPage(page, rec);
    await checkAxe(page, rec);
    rec.totalMs = Date.now() - t0;
    rec.firstChartMs = await page.evaluate(() => window.__pkruFirstChart ?? null);
  } catch (e) {
    rec.failures.push(`harness: ${String(e.message).split('\n')[0]}`);
    rec.notes.push(`last lines of the Voila log:\n${tail(voila.logFile, 8)}`);
  } finally {
    await screenshot(page, rec);
    // shut the page's kernel down (best effort; the server is stopped at the end anyway)
    await page.evaluate(async () => {
      const cfg = JSON.parse(document.getElementById('jupyter-config-data').textContent);
      // Voila sets no _xsrf cookie: a same-origin page may set one and echo it (tornado's double-submit check)
      let xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1];
      if (!xsrf) { xsrf = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join(''); document.cookie = `_xsrf=${xsrf}; path=/`; }
      await fetch(`${cfg.baseUrl}api/kernels/${cfg.kernelId}`, { method: 'DELETE', headers: { 'X-XSRFToken': xsrf } });
    }).catch(() => {});
    await page.close().catch(() => {});
  }
}

// axe-core in the page, after the interactions: serious and critical violations fail, all are counted
async function checkAxe(page, rec) {
  await page.addScriptTag({ content: axeSource() });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact || 'unknown', help: v.help, n: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((x) => [].concat(x.target).join(' ')) }));
  });
  rec.axe = { critical: 0, serious: 0, moderate: 0, minor: 0, rules: {} };
  for (const v of found) {
    rec.axe[v.impact] = (rec.axe[v.impact] || 0) + v.n;
    rec.axe.rules[v.id] = { impact: v.impact, n: v.n };
    const line = `axe ${v.impact}: ${v.id} (${v.help}) on ${v.n} element(s), e.g. ${v.targets.join(' | ')}`;
    if (v.impact === 'serious' || v.impact === 'critical') rec.failures.push(line); else rec.notes.push(line);
  }
}

async function checkPage(page, rec) {
  for (const e of await page.evaluate(collectErrors)) rec.failures.push(e);
  const nErr = rec.failures.length;
  await checkExplorers(page, rec);
  await checkQuizzes(page, rec);
  await waitQuiet(page, 300, 3000);
  // errors that the interactions produced (e.g. a traceback printed into an Output widget)
  for (const e of await page.evaluate(collectErrors)) if (!rec.failures.slice(0, nErr).includes(e)) rec.failures.push(`after interaction: ${e}`);
}

// Runs in the page: both JupyterLab and Voila scroll their content inside a panel, so fullPage alone shows
// one window. Returns the window height that shows the tallest scrolling panel whole (and scrolls it to the top).
function contentHeight() {
  let need = document.documentElement.scrollHeight;
  for (const el of document.querySelectorAll('*')) {
    if (el.scrollHeight <= el.clientHeight + 10 || el.clientHeight < 200) continue;
    const oy = getComputedStyle(el).overflowY;
    if (oy !== 'auto' && oy !== 'scroll') continue;
    el.scrollTop = 0;
    need = Math.max(need, el.scrollHeight + (window.innerHeight - el.clientHeight));
  }
  return need;
}

async function screenshot(page, rec) {
  try {
    const file = path.join(ARTIFACTS, `${rec.frontend}__${rec.name}.png`);
    const h = await page.evaluate(contentHeight);
    if (h > 900) {
      await page.setViewportSize({ width: 1280, height: Math.min(16000, Math.ceil(h)) });
      await sleep(700);   // let charts and panels re-layout
      await page.evaluate(contentHeight);
    }
    await page.screenshot({ path: file, fullPage: true, timeout: 30000 });
    rec.screenshot = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
  } catch (e) {
    rec.notes.push(`screenshot failed: ${String(e.message).split('\n')[0]}`);
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const args = argv.filter((a) => !a.startsWith('--'));
  for (const fe of FRONTENDS) if (!['lab', 'voila'].includes(fe)) setupError(`unknown front end "${fe}" (use lab, voila)`);
  if (FRONTENDS.includes('voila')) axeSource();   // before any server starts
  if (!CHROMIUM || !fs.existsSync(CHROMIUM)) setupError('no Chromium found: apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH');
  const notebooks = args.length ? args.map((a) => path.resolve(a)) : readManifest();
  if (!notebooks.length) { console.log('no notebooks to test (no arguments, no status: ready in course.yml)'); return; }
  const missing = notebooks.filter((f) => !fs.existsSync(f));
  if (missing.length) setupError(`notebook file(s) not found:\n  ${missing.join('\n  ')}`);
  const root = commonDir(notebooks);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pkru-browser-'));
  TMP = tmp;
  console.log(`browser tests: ${notebooks.length} notebook(s) x ${FRONTENDS.join('+')}; serving ${root}; artifacts in ${ARTIFACTS}`);

  const t0 = Date.now();
  const [lab, voila] = await Promise.all([
    FRONTENDS.includes('lab') ? startLab(root, tmp) : null,
    FRONTENDS.includes('voila') ? startVoila(root, tmp) : null,
  ]);
  console.log(`servers up in ${((Date.now() - t0) / 1000).toFixed(1)} s${lab ? ` (JupyterLab ${lab.base})` : ''}${voila ? ` (Voila ${voila.base})` : ''}`);

  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,   // our handler closes it, then the servers
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  CTX = ctx;
  await ctx.route((u) => !isLocalUrl(u.href), (route) => route.abort('blockedbyclient'));
  for (const p of ctx.pages()) await p.close();   // the persistent context's blank start page

  const results = [];
  try {
    for (const nb of notebooks) {
      const rel = path.relative(root, nb).split(path.sep).join('/');
      const name = path.basename(nb, '.ipynb');
      for (const fe of FRONTENDS) {
        if (STOPPING) return;
        const inRepo = !path.relative(REPO, nb).startsWith('..');
        const rec = { notebook: inRepo ? path.relative(REPO, nb) : nb, name, frontend: fe, failures: [], notes: [], requests: [] };
        if (fe === 'lab') await runLab(ctx, lab, nb, rel, rec); else await runVoila(ctx, voila, nb, rel, rec);
        const nonLocal = [...new Set(rec.requests.filter((u) => !isLocalUrl(u)))];
        for (const u of nonLocal) rec.failures.push(`offline: request to a non-local host: ${u.slice(0, 200)}`);
        fs.writeFileSync(path.join(ARTIFACTS, `${fe}__${name}.requests.txt`), `${rec.requests.join('\n')}\n`);
        rec.requestCount = rec.requests.length;
        delete rec.requests;
        report(rec);
        results.push(rec);
      }
    }
  } finally {
    await ctx.close().catch(() => {});
    writeJson(path.join(ARTIFACTS, 'results.json'), results);
  }
  const failed = results.filter((r) => r.failures.length);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed (notebook x front end) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (failed.length) {
    for (const r of failed) for (const f of r.failures) console.log(`FAIL ${r.frontend} ${r.notebook}: ${f}`);
    process.exitCode = 1;
  }
}

function report(r) {
  const s = (ms) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
  const c = r.charts ? `charts ${r.charts.drawn}/${r.charts.expected}` : 'charts ?';
  const ex = r.explorers ? `explorers ${r.explorers.ok}/${r.explorers.found}` : 'explorers ?';
  const qz = r.quizzes ? `quizzes ${r.quizzes.ok}/${r.quizzes.found} (${r.quizzes.questions} questions)` : 'quizzes ?';
  const ax = r.axe ? `; axe serious ${r.axe.serious} critical ${r.axe.critical} (moderate ${r.axe.moderate}, minor ${r.axe.minor})` : '';
  console.log(`${r.failures.length ? 'FAIL' : 'ok  '} ${r.frontend.padEnd(5)} ${r.notebook}: first chart ${s(r.firstChartMs)}, `
    + `ready ${s(r.readyMs)}, total ${s(r.totalMs)}; ${c}, ${ex}, ${qz}${ax}; ${r.requestCount} requests; screenshot ${r.screenshot || 'none'}`);
  for (const f of r.failures) console.log(`       - ${f}`);
  for (const n of r.notes) console.log(`       (note) ${n}`);
}

let STOPPING = false;
const onSignal = (sig) => {
  if (STOPPING) return;
  STOPPING = true;
  console.error(`\n${sig}: stopping servers`);
  Promise.resolve(CTX && CTX.close().catch(() => {})).then(stopAll).finally(() => { keepLogs(); removeTmp(); process.exit(130); });
};
process.on('SIGINT', onSignal);
process.on('exit', () => {
  // last resort (e.g. an exit from elsewhere): never leave a server or its kernels running
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } }
  }
});
process.on('SIGTERM', onSignal);
try {
  await main();
} catch (e) {
  if (!(e instanceof SetupError)) { console.error(`HARNESS ERROR: ${e.stack || e}`); process.exitCode = 2; }
} finally {
  await stopAll();
  keepLogs();
  removeTmp();   // the server logs were copied to the artifacts folder
}
