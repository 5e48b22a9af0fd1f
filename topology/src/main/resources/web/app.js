// partition-analytics web view: polls the /api endpoints and draws them with ECharts. No framework, no build step.
//
// The API answers from whichever instance holds the data, so this page works against any instance of a
// scaled-out deployment. While the pipeline starts, /api answers 503: the page says "starting…" and retries.
'use strict';

(function () {
  const POLL_MS = 2000;
  const HIDDEN_POLL_MS = 10000;
  const RECOMMENDATIONS_RETRY_MS = 30000;
  const MAX_RECOMMENDATIONS = 6;
  const RATIO_SCALE_MAX = 3; // colour scale of "ratio to mean": 0 .. 3x, hotter cells saturate
  const DEFAULT_THRESHOLD = 1.5; // hotspot.enter.ratio's default, until an alert tells the configured one
  const PALETTE = ['#58a6ff', '#f0883e', '#3fb950', '#d2a8ff', '#f778ba', '#56d4dd', '#e3b341', '#ff7b72',
    '#a5d6ff', '#7ee787'];
  const RATIO_COLOURS = ['#0b1f3a', '#1d4f7c', '#2a7f8f', '#e3b341', '#f0883e', '#f85149'];
  const EVENTS_COLOURS = ['#0b1f3a', '#1f6feb', '#56d4dd', '#f2cc60', '#f85149'];
  const TEXT = '#e6edf3';
  const MUTED = '#8b949e';
  const GRID_LINE = '#30363d';

  const state = {
    strategies: null, // from /api/strategies, in configured order
    metric: 'ratio', // or 'events'
    history: new Map(), // strategy -> [{window_start_ms, window_end_ms, max_to_mean, events}], oldest first
    latestEnd: new Map(), // strategy -> window_end_ms of the latest closed window we have the history of
    heatmaps: new Map(), // strategy -> echarts instance
    skewChart: null,
    threshold: DEFAULT_THRESHOLD,
    recommendationsNextTry: 0, // 0: poll every time; else do not ask before this instant (the endpoint was 404)
    rendered: { alerts: '', recommendations: '' },
  };

  class HttpError extends Error {
    constructor(status, path) {
      super(`${path}: HTTP ${status}`);
      this.status = status;
    }
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) {
      throw new HttpError(response.status, path);
    }
    return response.json();
  }

  // ---- formatting ---------------------------------------------------------------------------------------------

  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function time(ms) {
    const d = new Date(ms);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  }

  function ratio(value) {
    return `${Number(value).toFixed(2)}×`;
  }

  function percent(fraction) {
    const p = fraction * 100;
    return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
  }

  function duration(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60) {
      return `${seconds} s`;
    }
    const minutes = Math.floor(seconds / 60);
    return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  }

  function bytesPerSec(value) {
    const units = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
    let v = value;
    let u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return `${v >= 100 || u === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
  }

  // ---- status -------------------------------------------------------------------------------------------------

  function setStatus(kind, text) {
    const el = document.getElementById('status');
    el.className = `status ${kind}`;
    el.textContent = text;
  }

  // ---- heat maps ----------------------------------------------------------------------------------------------

  function buildHeatmapCards() {
    const container = document.getElementById('heatmaps');
    container.innerHTML = '';
    for (const strategy of state.strategies) {
      const card = document.createElement('div');
      card.className = 'heatmap-card';
      card.dataset.strategy = strategy;
      card.innerHTML = `<h3>${esc(strategy)} <span class="stat"></span></h3>
        <div class="waiting">waiting for the first closed window…</div>`;
      container.appendChild(card);
    }
  }

  function heatmapChart(strategy) {
    let chart = state.heatmaps.get(strategy);
    if (!chart) {
      const card = document.querySelector(`.heatmap-card[data-strategy="${CSS.escape(strategy)}"]`);
      card.querySelector('.waiting').remove();
      const el = document.createElement('div');
      el.className = 'chart';
      card.appendChild(el);
      chart = echarts.init(el, null, { renderer: 'canvas' });
      state.heatmaps.set(strategy, chart);
    }
    return chart;
  }

  function renderHeatmap(strategy) {
    const windows = state.history.get(strategy);
    if (!windows || windows.length === 0) {
      return;
    }
    const partitions = windows[windows.length - 1].events.length;
    const byRatio = state.metric === 'ratio';
    const data = [];
    let maxEvents = 0;
    windows.forEach((w, x) => {
      const total = w.events.reduce((a, b) => a + b, 0);
      const mean = total / w.events.length;
      w.events.forEach((events, p) => {
        maxEvents = Math.max(maxEvents, events);
        const value = byRatio ? (mean > 0 ? events / mean : 0) : events;
        data.push([x, p, Number(value.toFixed(3)), events]);
      });
    });

    const latest = windows[windows.length - 1];
    const hottest = latest.events.indexOf(Math.max(...latest.events));
    const stat = document.querySelector(`.heatmap-card[data-strategy="${CSS.escape(strategy)}"] .stat`);
    stat.className = latest.max_to_mean >= state.threshold ? 'stat hot' : 'stat';
    stat.innerHTML = `max/mean <b>${ratio(latest.max_to_mean)}</b> (p${hottest}) · ${partitions} partitions`;

    heatmapChart(strategy).setOption({
      animation: false,
      grid: { left: 44, right: 64, top: 10, bottom: 30 },
      tooltip: {
        position: 'top',
        formatter: (item) => {
          const w = windows[item.value[0]];
          return `<b>${esc(strategy)}</b> · p${item.value[1]}<br>${time(w.window_start_ms)}–${time(w.window_end_ms)}`
            + `<br>${integer.format(item.value[3])} events · ${ratio(mean(w) > 0 ? item.value[3] / mean(w) : 0)} mean`;
        },
      },
      xAxis: {
        type: 'category',
        data: windows.map((w) => time(w.window_start_ms)),
        axisLabel: { color: MUTED, fontSize: 11 },
        axisLine: { lineStyle: { color: GRID_LINE } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'category',
        data: Array.from({ length: partitions }, (_, p) => `p${p}`),
        axisLabel: { color: MUTED, fontSize: 11, interval: partitions > 24 ? 'auto' : 0 },
        axisLine: { lineStyle: { color: GRID_LINE } },
        axisTick: { show: false },
      },
      visualMap: {
        type: 'continuous',
        dimension: 2,
        min: 0,
        max: byRatio ? RATIO_SCALE_MAX : Math.max(1, maxEvents),
        calculable: false,
        orient: 'vertical',
        right: 4,
        top: 'middle',
        itemHeight: 150,
        itemWidth: 10,
        precision: byRatio ? 1 : 0,
        text: byRatio ? [`≥${RATIO_SCALE_MAX}×`, '0'] : [integer.format(Math.max(1, maxEvents)), '0'],
        textStyle: { color: MUTED, fontSize: 11 },
        inRange: { color: byRatio ? RATIO_COLOURS : EVENTS_COLOURS },
      },
      series: [{
        name: strategy,
        type: 'heatmap',
        data,
        progressive: 0,
        emphasis: { itemStyle: { borderColor: TEXT, borderWidth: 1 } },
      }],
    }, { notMerge: true });
  }

  function mean(w) {
    return w.events.reduce((a, b) => a + b, 0) / w.events.length;
  }

  // ---- skew over time -----------------------------------------------------------------------------------------

  function renderSkew() {
    if (!state.skewChart) {
      const el = document.getElementById('skew-chart');
      el.innerHTML = '';
      state.skewChart = echarts.init(el, null, { renderer: 'canvas' });
    }
    const series = state.strategies.map((strategy, i) => ({
      name: strategy,
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 1.8 },
      emphasis: { focus: 'series' },
      data: (state.history.get(strategy) || []).map((w) => [w.window_end_ms, Number(w.max_to_mean.toFixed(3))]),
      markLine: i === 0 ? {
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#f85149', type: 'dashed', width: 1 },
        label: { formatter: `hot ≥ ${state.threshold}×`, color: '#f85149', position: 'insideEndTop' },
        data: [{ yAxis: state.threshold }],
      } : undefined,
    }));
    state.skewChart.setOption({
      animation: false,
      color: PALETTE,
      grid: { left: 44, right: 24, top: 36, bottom: 28 },
      legend: { type: 'scroll', top: 0, textStyle: { color: TEXT }, pageTextStyle: { color: MUTED } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => ratio(v),
      },
      xAxis: {
        type: 'time',
        axisLabel: { color: MUTED, formatter: (v) => time(v) },
        axisLine: { lineStyle: { color: GRID_LINE } },
        splitLine: { show: false },
      },
      yAxis: {
        // Log scale: a strategy that puts everything on one partition (N×) does not flatten the others.
        type: 'log',
        logBase: 2,
        min: 1,
        name: 'max/mean',
        nameTextStyle: { color: MUTED },
        axisLabel: { color: MUTED, formatter: (v) => `${v}×` },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      series,
    }, { notMerge: true });
    document.getElementById('threshold').textContent = state.threshold;
  }

  // ---- alerts -------------------------------------------------------------------------------------------------

  function renderAlerts(alerts) {
    const open = [...(alerts.open || [])].sort((a, b) =>
      (b.severity === 'CRITICAL') - (a.severity === 'CRITICAL') || b.ratio - a.ratio);
    if (open.length > 0 && open[0].threshold) {
      state.threshold = open[0].threshold;
    }
    const count = document.getElementById('alert-count');
    count.textContent = open.length;
    count.className = open.length > 0 ? 'count hot' : 'count';

    const resolved = (alerts.recent || []).filter((a) => a.state === 'RESOLVED').slice(-5).reverse();
    let html = open.length === 0 ? '<p class="empty">No hot partitions.</p>' : open.map(alertHtml).join('');
    if (resolved.length > 0) {
      html += '<p class="muted">Recently resolved: ' + resolved.map((a) =>
        `${esc(a.strategy)} p${a.partition} (${time(a.window_end_ms)})`).join(', ') + '</p>';
    }
    replaceIfChanged('alerts', html);
  }

  // An open alert's record is its last state change; the episode lasts until the strategy's latest closed window.
  function hotUntil(a) {
    return Math.max(a.window_end_ms, state.latestEnd.get(a.strategy) || 0);
  }

  function alertHtml(a) {
    const node = a.node ? ` · node ${esc(a.node)}` : '';
    const keys = (a.top_keys || []).slice(0, 3).map((k) => `
      <tr>
        <td class="mono">${esc(k.key)}</td>
        <td>${integer.format(k.events)} events</td>
        <td><b>${percent(k.share)}</b></td>
        <td class="bar"><div class="bar-track"><div class="bar-fill" style="width:${Math.min(100, k.share * 100).toFixed(1)}%"></div></div></td>
        <td class="muted">${integer.format(k.lower_bound)}–${integer.format(k.upper_bound)}</td>
      </tr>`).join('');
    return `
      <div class="alert ${a.severity === 'CRITICAL' ? 'critical' : ''}" data-alert-id="${esc(a.alert_id)}"
           data-strategy="${esc(a.strategy)}" data-partition="${a.partition}" title="${esc(a.reason)}">
        <div class="title">
          <span class="badge ${esc(a.severity)}">${esc(a.severity)}</span>
          <strong>${esc(a.strategy)} · p${a.partition}</strong>
          <span>${ratio(a.ratio)} mean</span>
          <span class="muted">hot since ${time(a.episode_start_ms)} (${duration(hotUntil(a) - a.episode_start_ms)})${node}</span>
        </div>
        ${keys ? `<table class="keys" aria-label="hot keys">${keys}</table>` : ''}
      </div>`;
  }

  // ---- recommendations ----------------------------------------------------------------------------------------

  function renderRecommendations(body) {
    // Newest first, and only the newest of each strategy and kind: an episode is re-advised as it goes on.
    const seen = new Set();
    const recent = [...((body && body.recent) || [])]
      .sort((a, b) => b.window_end_ms - a.window_end_ms)
      .filter((r) => {
        const key = `${r.strategy}/${r.kind}`;
        const first = !seen.has(key);
        seen.add(key);
        return first;
      })
      .slice(0, MAX_RECOMMENDATIONS);
    const html = recent.length === 0 ? '<p class="empty">None yet.</p>' : recent.map(recommendationHtml).join('');
    replaceIfChanged('recommendations', html);
  }

  function actionText(a) {
    const p = a.partition == null ? '' : ` p${a.partition}`;
    switch (a.action) {
      case 'move-partition': return `move${p} from ${a.from_node} to ${a.to_node}`;
      case 'split-at': return `split${p} at key ${a.value}`;
      case 'salt-key': return `salt key ${a.key}${p ? ` (in${p})` : ''} into ${a.value} sub-keys`;
      case 'isolate-key': return `isolate key ${a.key} on its own partition${a.value ? ` (${a.value})` : ''}`;
      case 'add-partitions': return `grow to ${a.value} partitions`;
      case 'switch-strategy': return `switch to ${a.value}`;
      case 'set-vnodes': return `set vnodes to ${a.value}`;
      default:
        return [a.action, p.trim(), a.key, a.from_node && `${a.from_node} → ${a.to_node}`, a.value]
          .filter(Boolean).join(' ');
    }
  }

  function recommendationHtml(r) {
    const actions = (r.actions || []);
    const shown = actions.slice(0, 6).map((a) => `<li>${esc(actionText(a))}</li>`).join('');
    const more = actions.length > 6 ? `<li class="muted">… and ${actions.length - 6} more</li>` : '';
    const better = r.after_max_to_mean < r.before_max_to_mean ? 'better' : '';
    const json = r.reassignment_json
      ? `<details><summary>kafka-reassign-partitions.sh JSON</summary><pre>${esc(r.reassignment_json)}</pre></details>`
      : '';
    return `
      <div class="rec" data-kind="${esc(r.kind)}" data-strategy="${esc(r.strategy)}">
        <div class="title">
          <span class="kind">${esc(r.kind)}</span>
          <strong>${esc(r.strategy)}</strong>
          <span class="muted">window ending ${time(r.window_end_ms)}</span>
        </div>
        <ul>${shown}${more}</ul>
        <div class="effect">
          <span>max/mean ${ratio(r.before_max_to_mean)} → <b class="${better}">${ratio(r.after_max_to_mean)}</b></span>
          <span>cv ${Number(r.before_cv).toFixed(2)} → <b>${Number(r.after_cv).toFixed(2)}</b></span>
          <span class="muted">moves ${percent(r.moved_key_fraction)} of keys · ${integer.format(r.moved_events_per_sec)} events/s
            · ${bytesPerSec(r.moved_bytes_per_sec)}</span>
        </div>
        <div class="rationale" title="${esc(r.rationale)}">${esc(r.rationale)}</div>
        ${json}
      </div>`;
  }

  async function fetchRecommendations() {
    if (state.recommendationsNextTry > Date.now()) {
      return null;
    }
    try {
      const body = await getJson('/api/recommendations');
      state.recommendationsNextTry = 0;
      return body;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) {
        // An API without recommendations (an older instance): say so, and ask again now and then.
        state.recommendationsNextTry = Date.now() + RECOMMENDATIONS_RETRY_MS;
        replaceIfChanged('recommendations', '<p class="empty">Not served by this instance\'s API.</p>');
        return null;
      }
      throw e;
    }
  }

  function replaceIfChanged(id, html) {
    // Rewriting identical markup would close an open <details> and flicker.
    if (state.rendered[id] !== html) {
      state.rendered[id] = html;
      document.getElementById(id).innerHTML = html;
    }
  }

  // ---- polling ------------------------------------------------------------------------------------------------

  async function refresh() {
    if (!state.strategies) {
      state.strategies = await getJson('/api/strategies');
      buildHeatmapCards();
    }
    const [loads, alerts, recommendations] =
      await Promise.all([getJson('/api/load'), getJson('/api/alerts'), fetchRecommendations()]);

    // Only strategies with a newly closed window need their history again.
    const changed = loads.filter((l) => state.latestEnd.get(l.strategy) !== l.window_end_ms);
    const histories = await Promise.all(
      changed.map((l) => getJson(`/api/history?strategy=${encodeURIComponent(l.strategy)}`)));
    changed.forEach((l, i) => {
      state.history.set(l.strategy, histories[i]);
      state.latestEnd.set(l.strategy, l.window_end_ms);
    });

    renderAlerts(alerts);
    if (recommendations) {
      renderRecommendations(recommendations);
    }
    changed.forEach((l) => renderHeatmap(l.strategy));
    if (changed.length > 0) {
      renderSkew();
    }

    const latest = loads[0];
    if (latest) {
      const windowSec = (latest.window_end_ms - latest.window_start_ms) / 1000;
      document.getElementById('window-info').textContent =
        `${state.strategies.length} strategies · ${latest.num_partitions} partitions · ${windowSec} s windows`;
      setStatus('live', `live · last window ${time(latest.window_end_ms)}`);
    } else {
      setStatus('starting', 'starting… waiting for the first closed window');
    }
  }

  async function poll() {
    try {
      await refresh();
    } catch (e) {
      if (e instanceof HttpError && e.status === 503) {
        // Kafka Streams is starting or rebalancing: the stores are not queryable yet.
        setStatus('starting', 'starting…');
      } else if (e instanceof HttpError) {
        setStatus('error', `API error (HTTP ${e.status}); retrying`);
      } else {
        setStatus('error', 'API unreachable; retrying');
      }
    } finally {
      setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
    }
  }

  function start() {
    if (typeof echarts === 'undefined') {
      setStatus('error', 'charting library failed to load');
      return;
    }
    document.querySelectorAll('input[name="metric"]').forEach((input) => input.addEventListener('change', () => {
      state.metric = input.value;
      state.heatmaps.forEach((_, strategy) => renderHeatmap(strategy));
    }));
    window.addEventListener('resize', () => {
      state.heatmaps.forEach((chart) => chart.resize());
      if (state.skewChart) {
        state.skewChart.resize();
      }
    });
    poll();
  }

  start();
})();
