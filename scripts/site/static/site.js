// The reading edition's page script: draws the charts (Vega-Lite through vega-embed, served from this site),
// runs the quizzes (feedback computed at build time by pkru.quiz.check_answer; this script only shows it),
// keeps quiz progress in localStorage, and a few conveniences (contents on phones, "show all code", filters).
// Nothing here talks to any server.
(function () {
  'use strict';

  var PREFIX = 'pkru-reading:';
  var store = {
    get: function (k) { try { return JSON.parse(window.localStorage.getItem(PREFIX + k)); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(PREFIX + k, JSON.stringify(v)); } catch (e) { /* private mode */ } },
    del: function (k) { try { window.localStorage.removeItem(PREFIX + k); } catch (e) { /* ignore */ } },
    keys: function () {
      var out = [];
      try { for (var i = 0; i < window.localStorage.length; i++) { var k = window.localStorage.key(i); if (k.indexOf(PREFIX) === 0) out.push(k.slice(PREFIX.length)); } } catch (e) { /* none */ }
      return out;
    }
  };

  // ------------------------------------------------------------ contents: folded on narrow screens
  function toc() {
    var d = document.querySelector('.toc-details');
    if (d && window.matchMedia && window.matchMedia('(max-width: 60rem)').matches) d.open = false;
  }

  // ------------------------------------------------------------ "show all code"
  function codeToggle() {
    var btn = document.querySelector('.code-toggle');
    var blocks = document.querySelectorAll('details.cell-code');
    if (!btn) return;
    if (!blocks.length) { btn.hidden = true; return; }
    function apply(open) {
      blocks.forEach(function (d) { d.open = open; });
      btn.setAttribute('aria-pressed', open ? 'true' : 'false');
      btn.textContent = open ? 'Hide all code' : 'Show all code';
    }
    if (store.get('code-open')) apply(true);
    btn.addEventListener('click', function () {
      var open = btn.getAttribute('aria-pressed') !== 'true';
      apply(open);
      store.set('code-open', open);
    });
  }

  // ------------------------------------------------------------ charts
  var EMBED_OPTIONS = {
    renderer: 'svg',                 // SVG: screen readers get the marks' ARIA and the chart's description
    actions: { export: true, source: false, compiled: false, editor: false },  // no editor: it is off this site
    tooltip: { theme: 'light' },
    i18n: { SVG_ACTION: 'Save as SVG', PNG_ACTION: 'Save as PNG' }
  };

  function chartFailed(fig, why) {
    fig.setAttribute('data-failed', '1');
    var p = document.createElement('p');
    p.className = 'chart-error';
    p.textContent = 'This chart could not be drawn: ' + why;
    fig.appendChild(p);
  }

  function labelMenu(target, name) {
    var summary = target.querySelector('details > summary');
    if (!summary) return;
    summary.setAttribute('aria-label', 'Chart menu for ' + name + ': save as SVG or PNG');
    summary.setAttribute('title', 'Save this chart as SVG or PNG');
    summary.parentNode.removeAttribute('title');
  }

  // A dataset as the build stored it (columns once, repeated texts once: see build_site.compact_datasets) back
  // into the rows Altair wrote.
  function rowsOf(ds) {
    if (!ds || !ds.columns) return ds;
    var cols = ds.columns, dict = ds.dict || {};
    return ds.rows.map(function (r) {
      var o = {};
      for (var i = 0; i < cols.length; i++) o[cols[i]] = dict[cols[i]] ? dict[cols[i]][r[i]] : r[i];
      return o;
    });
  }

  function drawFigure(fig) {
    if (fig.getAttribute('data-drawn') || fig.getAttribute('data-failed') || fig.__drawing) return Promise.resolve();
    if (typeof window.vegaEmbed !== 'function') {
      chartFailed(fig, 'the chart library (assets/vendor/) did not load.');
      return Promise.resolve();
    }
    var spec;
    try { spec = JSON.parse(fig.querySelector('script.vega-spec').textContent); } catch (e) { chartFailed(fig, 'its description is not valid JSON.'); return Promise.resolve(); }
    var target = fig.querySelector('.vega-target');
    var name = (fig.querySelector('.chart-scroll') || fig).getAttribute('aria-label') || 'this chart';
    fig.__drawing = true;
    // The inline data go straight into the compiled Vega spec: Vega-Lite copies the whole spec several times
    // while it compiles, and with the data inside that was most of the time to the first chart.
    var datasets = {};
    Object.keys(spec.datasets || {}).forEach(function (name) { datasets[name] = rowsOf(spec.datasets[name]); });
    delete spec.datasets;
    var options = Object.assign({}, EMBED_OPTIONS, {
      patch: function (vg) {
        (vg.data || []).forEach(function (d) {
          if (datasets[d.name] && d.values === undefined && d.url === undefined) d.values = datasets[d.name];
        });
        return vg;
      }
    });
    return window.vegaEmbed(target, spec, options).then(function (res) {
      labelMenu(target, name.replace(/^Chart: /, ''));
      fig.setAttribute('data-drawn', '1');
      fig.__view = res.view;
      if (window.__pkruFirstChart == null) window.__pkruFirstChart = performance.now();
    }).catch(function (e) { chartFailed(fig, String(e && e.message || e)); });
  }

  // Every chart in view order; charts in a hidden part of an explorer wait until it is shown.
  function drawCharts() {
    var figs = Array.prototype.slice.call(document.querySelectorAll('figure.chart:not(.lazy)'));
    var chain = Promise.resolve();
    figs.forEach(function (fig) {
      chain = chain.then(function () { return drawFigure(fig); })
        .then(function () { return new Promise(function (r) { setTimeout(r, 0); }); });  // let the page breathe
    });
    return chain.then(function () { document.documentElement.setAttribute('data-charts-done', String(figs.length)); });
  }

  // ------------------------------------------------------------ explorers made of precomputed views
  // The build computed every view the notebook's widget can show (with the widget's own functions); the
  // controls only choose which pieces are shown.
  function viewExplorers() {
    document.querySelectorAll('.explorer-views').forEach(function (sec) {
      var data = JSON.parse(sec.querySelector('script.rv-views').textContent);
      var out = sec.querySelector('.rv-output');
      var frags = {};
      out.querySelectorAll('.rv-frag').forEach(function (f) { frags[f.getAttribute('data-frag')] = f; });
      var inputs = Array.prototype.slice.call(sec.querySelectorAll('[data-rv]'));
      var n = 1 + Math.max.apply(null, inputs.map(function (el) { return Number(el.getAttribute('data-rv')); }));
      function key() {
        var idx = [];
        for (var i = 0; i < n; i++) {
          var els = inputs.filter(function (el) { return Number(el.getAttribute('data-rv')) === i; });
          var el = els[0];
          if (el.tagName === 'SELECT') idx.push(el.selectedIndex);
          else if (el.type === 'checkbox') idx.push(el.checked ? 1 : 0);
          else { var c = els.filter(function (r) { return r.checked; })[0]; idx.push(c ? Number(c.value) : -1); }
        }
        return idx.join('|');
      }
      function show() {
        var ids = data.views[key()];
        if (!ids) return;
        Object.keys(frags).forEach(function (k) { frags[k].hidden = true; });
        ids.forEach(function (id) {
          var f = frags[id];
          out.appendChild(f);   // in the order of this view
          f.hidden = false;
          f.querySelectorAll('figure.chart').forEach(function (fig) { drawFigure(fig); });
        });
      }
      var start = String(data['default']).split('|').map(Number);
      function reset(i) {   // back to the starting value, as the widget's own callback does
        inputs.filter(function (el) { return Number(el.getAttribute('data-rv')) === i; }).forEach(function (el) {
          if (el.tagName === 'SELECT') el.selectedIndex = start[i];
          else if (el.type === 'checkbox') el.checked = start[i] === 1;
          else el.checked = Number(el.value) === start[i];
        });
      }
      inputs.forEach(function (el) {
        el.addEventListener('change', function () {
          (data.resets[el.getAttribute('data-rv')] || []).forEach(reset);
          show();
        });
      });
    });
  }

  // ------------------------------------------------------------ quizzes
  function quizKey(stem) { return 'quiz:' + stem; }

  function scoreLine(tpl, right, answered, total) {
    return tpl.replace(/\{right\}/g, right).replace(/\{answered\}/g, answered).replace(/\{total\}/g, total);
  }

  function quizzes() {
    document.querySelectorAll('section.quiz').forEach(function (sec) {
      var stem = sec.getAttribute('data-quiz');
      var total = Number(sec.getAttribute('data-total'));
      var saved = store.get(quizKey(stem)) || {};
      var scoreEl = sec.querySelector('.quiz-score');
      var tpl = scoreEl.getAttribute('data-template');
      function score() {
        var ids = Object.keys(saved);
        var right = ids.filter(function (k) { return saved[k].first === true; }).length;
        scoreEl.innerHTML = scoreLine(tpl, right, ids.length, total);
      }
      var questions = sec.querySelectorAll('.quiz-question');
      questions.forEach(function (q) {
        var data = JSON.parse(q.querySelector('script.quiz-data').textContent);
        var fb = q.querySelector('.quiz-feedback');
        var qid = q.getAttribute('data-qid');
        var radios = q.querySelectorAll('input[type="radio"]');
        function show(i) {
          var item = i == null ? { status: 'empty', html: data.empty } : data.options[i];
          fb.innerHTML = item.html;
          fb.setAttribute('data-status', item.status);
          return item;
        }
        q.querySelector('.quiz-check').addEventListener('click', function () {
          var chosen = q.querySelector('input[type="radio"]:checked');
          var i = chosen ? Number(chosen.value) : null;
          var item = show(i);
          if (item.status === 'empty') return;
          var before = saved[qid];
          // as in the notebook: the score counts the first answer given to each question
          saved[qid] = { choice: i, first: before ? before.first : item.status === 'right' };
          store.set(quizKey(stem), saved);
          score();
        });
        var s = saved[qid];
        if (s && radios[s.choice]) { radios[s.choice].checked = true; show(s.choice); }
      });
      score();
      sec.querySelector('.quiz-reset').addEventListener('click', function () {
        store.del(quizKey(stem));
        saved = {};
        sec.querySelectorAll('input[type="radio"]').forEach(function (r) { r.checked = false; });
        sec.querySelectorAll('.quiz-feedback').forEach(function (f) { f.innerHTML = ''; f.removeAttribute('data-status'); });
        score();
      });
    });
  }

  // the course map on the home page: progress per quiz, and a reset of all of it
  function homeProgress() {
    var cells = document.querySelectorAll('td.quiz-progress');
    if (!cells.length) return;
    function fill() {
      cells.forEach(function (td) {
        var saved = store.get(quizKey(td.getAttribute('data-quiz'))) || {};
        var ids = Object.keys(saved);
        var total = td.getAttribute('data-total');
        if (!ids.length) { td.textContent = total + ' questions, none answered yet'; return; }
        var right = ids.filter(function (k) { return saved[k].first === true; }).length;
        td.textContent = ids.length + ' of ' + total + ' answered, ' + right + ' right at the first try';
      });
    }
    fill();
    var btn = document.querySelector('.quiz-reset-all');
    if (btn) btn.addEventListener('click', function () {
      store.keys().forEach(function (k) { if (k.indexOf('quiz:') === 0) store.del(k); });
      fill();
    });
  }

  // ------------------------------------------------------------ sources filter
  function sourcesFilter() {
    var input = document.getElementById('source-filter');
    if (!input) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll('table.sources tbody tr'));
    var count = document.getElementById('source-count');
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (tr) {
        var text = tr.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        tr.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + ' of ' + rows.length + ' sources';
    });
  }

  // ------------------------------------------------------------ wide outputs
  // A table wider than the column scrolls sideways; keyboard users must be able to reach and scroll it too.
  function scrollables() {
    var els = document.querySelectorAll('.jp-OutputArea-output, .table-scroll');
    function mark() {
      els.forEach(function (el) {
        var wide = el.scrollWidth > el.clientWidth + 1;
        if (wide && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('data-scroll-focus', '1');
          if (!el.hasAttribute('role')) { el.setAttribute('role', 'region'); el.setAttribute('aria-label', 'Wide output (scrolls sideways)'); }
        } else if (!wide && el.getAttribute('data-scroll-focus') === '1') {
          el.removeAttribute('tabindex'); el.removeAttribute('data-scroll-focus');
          if (el.getAttribute('role') === 'region') { el.removeAttribute('role'); el.removeAttribute('aria-label'); }
        }
      });
    }
    mark();
    var t = null;
    window.addEventListener('resize', function () { clearTimeout(t); t = setTimeout(mark, 150); });
  }

  function start() {
    toc();
    scrollables();
    codeToggle();
    quizzes();
    homeProgress();
    sourcesFilter();
    viewExplorers();
    drawCharts();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
