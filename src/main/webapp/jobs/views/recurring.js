// Recurring jobs (PUT/GET/DELETE /api/recurring-jobs, POST .../trigger): schedule in words, next and last run.
import { api } from '../api.js';
import { html, raw, timeTag, cronInWords } from '../format.js';
import { session } from '../session.js';

export function recurring() {
    let root = null;

    async function load() {
        let items;
        try {
            const answer = await api('/api/recurring-jobs');
            items = Array.isArray(answer) ? answer : (answer?.items ?? []);
        } catch (e) {
            if (e.status !== 404) {
                root.querySelector('#list').innerHTML = html`<p class="message error">Could not load the recurring jobs: ${e.message}</p>`;
                return;
            }
            items = []; // a server without the recurring-jobs API has none
        }
        root.querySelector('#list').innerHTML = items.length === 0
            ? '<p class="empty" id="no-recurring">No recurring jobs.</p>'
            : html`<div class="table-wrap"><table>
                <caption class="sr-only">Recurring jobs</caption>
                <thead><tr><th scope="col">Id</th><th scope="col">Type</th><th scope="col">Schedule</th>
                    <th scope="col">Next run</th><th scope="col">Last run</th><th scope="col">Actions</th></tr></thead>
                <tbody>${items.map((r) => html`<tr data-recurring="${r.id}">
                    <td>${r.id}</td><td>${r.type}</td>
                    <td>${cronInWords(r.cron)} <span class="muted">(<code>${r.cron}</code>, ${r.timeZone || 'UTC'})</span></td>
                    <td>${timeTag(r.nextRun)}</td>
                    <td>${timeTag(r.lastRun)}${r.lastJobId ? raw(html` · <a href="#/job/${r.lastJobId}">job ${r.lastJobId}</a>`) : ''}</td>
                    <td class="actions">
                        ${session.can('operator') ? raw(html`<button type="button" data-trigger="${r.id}">Trigger now</button>`) : ''}
                        ${session.can('admin') ? raw(html`<button type="button" data-delete="${r.id}" class="danger">Delete</button>`) : ''}
                    </td></tr>`)}</tbody></table></div>`;
        for (const b of root.querySelectorAll('[data-trigger]')) b.addEventListener('click', () => trigger(b.dataset.trigger));
        for (const b of root.querySelectorAll('[data-delete]')) b.addEventListener('click', () => remove(b.dataset.delete));
    }

    function say(content, error = false) {
        const box = root.querySelector('#message');
        box.innerHTML = content;
        box.className = error ? 'message error' : 'message';
    }

    async function trigger(id) {
        try {
            const job = await api(`/api/recurring-jobs/${encodeURIComponent(id)}/trigger`, { method: 'POST' });
            say(html`Triggered ${id}: <a href="#/job/${job.id}" id="triggered-job">job ${job.id}</a>.`);
            await load();
        } catch (e) {
            say(html`Could not trigger ${id}: ${e.message}`, true);
        }
    }

    async function remove(id) {
        if (!window.confirm(`Delete the recurring job ${id}?`)) return;
        try {
            await api(`/api/recurring-jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
            say(html`Deleted ${id}.`);
            await load();
        } catch (e) {
            say(html`Could not delete ${id}: ${e.message}`, true);
        }
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = `<h1>Recurring jobs</h1><p id="message" class="message" role="status" aria-live="polite"></p>
                <div id="list"><p>Loading…</p></div>`;
            await load();
        },
    };
}
