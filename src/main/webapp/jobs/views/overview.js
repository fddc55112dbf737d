// Overview: counts per state, live throughput (per second, from the event stream), finished jobs per hour.
import { api } from '../api.js';
import { html } from '../format.js';

const STATES = ['enqueued', 'scheduled', 'processing', 'succeeded', 'failed', 'deleted', 'awaiting'];
const GREEN = '#1b7f3b';
const RED = '#c0262d';

export function overview() {
    let liveChart = null;
    let historyChart = null;
    let root = null;
    let range = '24h';
    let ticks = 0;

    function renderCounts(counts) {
        for (const state of STATES) {
            const el = root.querySelector(`#count-${state}`);
            if (el) el.textContent = (counts?.[state] ?? 0).toLocaleString();
        }
    }

    function renderRate(tick) {
        root.querySelector('#rate').textContent =
            `${tick.succeeded} succeeded and ${tick.failed} failed per second (at ${new Date(tick.at).toLocaleTimeString()})`;
    }

    function seriesToChart(series) {
        if (!liveChart) return;
        liveChart.data.labels = series.map((t) => new Date(t.at).toLocaleTimeString());
        liveChart.data.datasets[0].data = series.map((t) => t.succeeded);
        liveChart.data.datasets[1].data = series.map((t) => t.failed);
        liveChart.update('none');
    }

    async function loadHistory(chosen) {
        range = chosen;
        for (const b of root.querySelectorAll('[data-range]')) b.setAttribute('aria-pressed', String(b.dataset.range === range));
        const history = await api(`/api/stats/history?range=${range}`);
        const label = (p) => {
            const d = new Date(p.hour);
            return range === '24h' ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
                : d.toLocaleString([], { weekday: 'short', hour: '2-digit' });
        };
        const total = history.points.reduce((a, p) => [a[0] + p.succeeded, a[1] + p.failed], [0, 0]);
        root.querySelector('#history-summary').textContent =
            `${total[0].toLocaleString()} succeeded and ${total[1].toLocaleString()} failed in the last ${range === '24h' ? '24 hours' : '7 days'}.`;
        if (!window.Chart) return;
        const labels = history.points.map(label);
        if (historyChart) {
            historyChart.data.labels = labels;
            historyChart.data.datasets[0].data = history.points.map((p) => p.succeeded);
            historyChart.data.datasets[1].data = history.points.map((p) => p.failed);
            historyChart.update('none');
            return;
        }
        historyChart = new window.Chart(root.querySelector('#history-chart'), {
            type: 'bar',
            data: {
                labels,
                datasets: [
                    { label: 'Succeeded', data: history.points.map((p) => p.succeeded), backgroundColor: GREEN },
                    { label: 'Failed', data: history.points.map((p) => p.failed), backgroundColor: RED },
                ],
            },
            options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
        });
    }

    return {
        async enter(main, { lastTick, backlog }) {
            main.innerHTML = html`
                <h1>Overview</h1>
                <section aria-labelledby="counts-title">
                    <h2 id="counts-title">Jobs by state</h2>
                    <ul class="cards">
                        ${STATES.map((s) => html`<li><a class="card card-${s}" href="#/jobs/${s}">
                            <span class="card-label">${s}</span><strong class="card-count" id="count-${s}">–</strong></a></li>`)}
                    </ul>
                </section>
                <div class="charts">
                    <section aria-labelledby="live-title" class="panel">
                        <h2 id="live-title">Throughput, live</h2>
                        <p id="rate" class="muted">Waiting for the first second…</p>
                        <div class="chart"><canvas id="live-chart" role="img" aria-label="Jobs succeeded and failed per second over the last two minutes"></canvas></div>
                    </section>
                    <section aria-labelledby="history-title" class="panel">
                        <h2 id="history-title">Finished per hour</h2>
                        <div class="toggle" role="group" aria-label="History range">
                            <button type="button" data-range="24h" aria-pressed="true">24 hours</button>
                            <button type="button" data-range="7d" aria-pressed="false">7 days</button>
                        </div>
                        <p id="history-summary" class="muted"></p>
                        <div class="chart"><canvas id="history-chart" role="img" aria-label="Jobs succeeded and failed per hour"></canvas></div>
                    </section>
                </div>`;
            root = main;
            for (const b of main.querySelectorAll('[data-range]')) b.addEventListener('click', () => loadHistory(b.dataset.range));
            if (window.Chart) {
                liveChart = new window.Chart(main.querySelector('#live-chart'), {
                    type: 'line',
                    data: {
                        labels: [],
                        datasets: [
                            { label: 'Succeeded / s', data: [], borderColor: GREEN, backgroundColor: GREEN, pointRadius: 0, tension: 0.25 },
                            { label: 'Failed / s', data: [], borderColor: RED, backgroundColor: RED, pointRadius: 0, tension: 0.25 },
                        ],
                    },
                    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, suggestedMax: 5 }, x: { ticks: { maxTicksLimit: 6 } } } },
                });
                seriesToChart(backlog);
            }
            if (lastTick) { renderCounts(lastTick.counts); renderRate(lastTick); }
            else renderCounts(await api('/api/stats'));
            await loadHistory('24h');
        },
        onSeries(series) { seriesToChart(series); },
        onStats(tick) {
            if (++ticks % 60 === 0) loadHistory(range).catch(() => {}); // the hourly bars move slowly: once a minute is enough
            renderCounts(tick.counts);
            renderRate(tick);
            if (liveChart) {
                liveChart.data.labels.push(new Date(tick.at).toLocaleTimeString());
                liveChart.data.datasets[0].data.push(tick.succeeded);
                liveChart.data.datasets[1].data.push(tick.failed);
                if (liveChart.data.labels.length > 120) {
                    liveChart.data.labels.shift();
                    for (const d of liveChart.data.datasets) d.data.shift();
                }
                liveChart.update('none');
            }
        },
        leave() { liveChart?.destroy(); historyChart?.destroy(); },
    };
}
