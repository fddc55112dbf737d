// Queues (GET /api/queues, POST .../pause and .../resume): depth, running, paused flag, consuming servers.
// docs/run-control.md. Pause and resume only for operators (the server checks anyway).
import { api } from '../api.js';
import { html, raw, timeTag } from '../format.js';
import { session } from '../session.js';

export function queues() {
    let root = null;
    let fetchedAt = 0;
    let shown = null;

    async function load() {
        let items;
        try {
            items = await api('/api/queues');
        } catch (e) {
            root.querySelector('#list').innerHTML = html`<p class="message error">Could not load the queues: ${e.message}</p>`;
            shown = null;
            return;
        }
        const seen = JSON.stringify(items);
        if (seen === shown) return; // unchanged: keep the rows (and a button the user is about to press)
        shown = seen;
        root.querySelector('#list').innerHTML = items.length === 0
            ? '<p class="empty">No queues.</p>'
            : html`<div class="table-wrap"><table>
                <caption class="sr-only">Queues</caption>
                <thead><tr><th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Running</th>
                    <th scope="col">State</th><th scope="col">Last change</th><th scope="col">Servers</th>
                    <th scope="col">Actions</th></tr></thead>
                <tbody>${items.map((q) => html`<tr data-queue="${q.name}">
                    <td><a href="#/jobs/enqueued?queue=${encodeURIComponent(q.name)}">${q.name}</a></td>
                    <td data-depth>${q.depth}</td><td>${q.running}</td>
                    <td data-paused="${q.paused}">${q.paused ? 'paused' : 'running'}</td>
                    <td>${q.changedAt ? raw(html`${timeTag(q.changedAt)} by ${q.changedBy ?? '?'}`) : '—'}</td>
                    <td>${q.servers.map((s) => s.node ?? s.id).join(', ')}</td>
                    <td class="actions">${session.can('operator') ? raw(q.paused
                        ? html`<button type="button" data-resume="${q.name}">Resume</button>`
                        : html`<button type="button" data-pause="${q.name}" class="danger">Pause</button>`) : ''}</td>
                    </tr>`)}</tbody></table></div>`;
        for (const b of root.querySelectorAll('[data-pause]')) b.addEventListener('click', () => change(b.dataset.pause, 'pause'));
        for (const b of root.querySelectorAll('[data-resume]')) b.addEventListener('click', () => change(b.dataset.resume, 'resume'));
    }

    function say(content, error = false) {
        const box = root.querySelector('#message');
        box.innerHTML = content;
        box.className = error ? 'message error' : 'message';
    }

    async function change(name, action) {
        try {
            const answer = await api(`/api/queues/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
            say(action === 'pause' ? html`Paused ${name}.` : html`Resumed ${name}: ${answer.released} held jobs sent again.`);
            await load();
        } catch (e) {
            say(html`Could not ${action} ${name}: ${e.message}`, true);
        }
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = `<h1>Queues</h1><p id="message" class="message" role="status" aria-live="polite"></p>
                <div id="list"><p>Loading…</p></div>`;
            await load();
        },
        // depths move: read again every few seconds while the page is open
        async onStats() {
            if (Date.now() - fetchedAt < 3000 || !root) return;
            fetchedAt = Date.now();
            await load();
        },
    };
}
