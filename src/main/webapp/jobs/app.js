// The dashboard shell: hash routes, one live connection (server-sent events), and the current view.
import { overview } from './views/overview.js';
import { jobList } from './views/list.js';
import { jobDetail } from './views/detail.js';
import { recurring } from './views/recurring.js';
import { servers } from './views/servers.js';
import { queues } from './views/queues.js';
import { jobTypes } from './views/jobtypes.js';
import { batches } from './views/batches.js';
import { loadSession } from './session.js';

const main = document.getElementById('view');
const live = document.getElementById('live');
let current = null;
let lastTick = null;
let backlog = [];

const routes = [
    [/^#?\/?$/, () => overview()],
    [/^#\/jobs\/(\w+)$/, (m, q) => jobList({ state: m[1], query: q })],
    [/^#\/dead$/, (m, q) => jobList({ state: 'dead', query: q })],
    [/^#\/job\/(\d+)$/, (m) => jobDetail(m[1])],
    [/^#\/recurring$/, () => recurring()],
    [/^#\/servers$/, () => servers()],
    [/^#\/queues$/, () => queues()],
    [/^#\/job-types$/, () => jobTypes()],
    [/^#\/batches$/, () => batches()],
];

async function route() {
    const [path, search] = location.hash.split('?');
    const query = new URLSearchParams(search || '');
    current?.leave?.();
    current = null;
    for (const [pattern, make] of routes) {
        const m = path.match(pattern);
        if (m) {
            current = make(m, query);
            break;
        }
    }
    markNav(path || '#/');
    if (!current) {
        main.innerHTML = '<h1>Not found</h1><p>No such page. <a href="#/">Back to the overview</a>.</p>';
        return;
    }
    await current.enter(main, { lastTick, backlog });
    if (document.activeElement === document.body) main.focus({ preventScroll: true });
}

function markNav(path) {
    for (const a of document.querySelectorAll('nav a')) {
        const href = a.getAttribute('href');
        const active = href === path || (href !== '#/' && path.startsWith(href));
        if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
}

function connect() {
    const events = new EventSource(new URL('/api/events', location.origin));
    events.onopen = () => { live.textContent = 'Live'; live.dataset.state = 'live'; };
    events.onerror = () => { live.textContent = 'Reconnecting…'; live.dataset.state = 'down'; };
    events.addEventListener('series', (e) => {
        backlog = JSON.parse(e.data);
        current?.onSeries?.(backlog);
    });
    events.addEventListener('stats', (e) => {
        const tick = JSON.parse(e.data);
        const changed = !lastTick || JSON.stringify(lastTick.counts) !== JSON.stringify(tick.counts);
        lastTick = tick;
        backlog.push(tick);
        if (backlog.length > 120) backlog.shift();
        for (const badge of document.querySelectorAll('[data-count]')) {
            const n = tick.counts[badge.dataset.count];
            badge.textContent = n ? n.toLocaleString() : '';
        }
        current?.onStats?.(tick, changed);
    });
    events.addEventListener('jobs', (e) => current?.onJobs?.(JSON.parse(e.data)));
}

document.getElementById('search').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = e.target.elements.id.value.trim();
    if (/^\d+$/.test(id)) location.hash = `#/job/${id}`;
});

window.addEventListener('hashchange', route);
connect();
// The pages need the caller's roles to know which actions to offer; without them they offer none.
loadSession().catch(() => {}).finally(route);
