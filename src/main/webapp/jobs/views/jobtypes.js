// Job types (GET /api/job-types, PUT /api/job-types/{type}): settings in force, mutex member and jobs per state;
// admins edit the limits (concurrency, rate, timeout, maxAttempts). docs/run-control.md "Limits per job type".
import { api } from '../api.js';
import { html, raw } from '../format.js';
import { session } from '../session.js';

const STATES = ['ENQUEUED', 'SCHEDULED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'DELETED'];
const FIELDS = [['concurrency', 'number'], ['rate', 'text'], ['timeout', 'text'], ['maxAttempts', 'number']];

export function jobTypes() {
    let root = null;
    let items = [];

    async function load() {
        try {
            items = await api('/api/job-types');
        } catch (e) {
            root.querySelector('#list').innerHTML = html`<p class="message error">Could not load the job types: ${e.message}</p>`;
            return;
        }
        root.querySelector('#list').innerHTML = html`<div class="table-wrap"><table>
            <caption class="sr-only">Job types</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">Concurrency</th><th scope="col">Rate</th>
                <th scope="col">Timeout</th><th scope="col">Max attempts</th><th scope="col">Mutex</th>
                ${STATES.map((s) => html`<th scope="col">${s.toLowerCase()}</th>`)}
                <th scope="col">Actions</th></tr></thead>
            <tbody>${items.map((t) => html`<tr data-type="${t.type}">
                <td><a href="#/jobs/enqueued?type=${encodeURIComponent(t.type)}">${t.type}</a></td>
                <td data-concurrency>${t.concurrency ?? '—'}</td><td data-rate>${t.rate ?? '—'}</td>
                <td>${t.timeout ?? '—'}</td><td>${t.maxAttempts}</td><td data-mutex>${t.mutex ?? '—'}</td>
                ${STATES.map((s) => html`<td>${t.counts[s] ?? 0}</td>`)}
                <td class="actions">${session.can('admin') ? raw(html`<button type="button" data-edit="${t.type}">Edit</button>`) : ''}</td>
                </tr>`)}</tbody></table></div>
            <form id="edit" hidden></form>`;
        for (const b of root.querySelectorAll('[data-edit]')) b.addEventListener('click', () => edit(b.dataset.edit));
    }

    function say(content, error = false) {
        const box = root.querySelector('#message');
        box.innerHTML = content;
        box.className = error ? 'message error' : 'message';
    }

    function edit(type) {
        const t = items.find((i) => i.type === type);
        const form = root.querySelector('#edit');
        form.hidden = false;
        form.innerHTML = html`<h2>${type}</h2>
            ${FIELDS.map(([name, kind]) => html`<label>${name}
                <input name="${name}" type="${kind}" value="${name === 'maxAttempts' ? (t.maxAttempts === t.defaults.maxAttempts ? '' : t.maxAttempts)
                    : name === 'timeout' ? (t.timeout === t.defaults.timeout ? '' : (t.timeout ?? '')) : (t[name] ?? '')}"
                    placeholder="${name === 'rate' ? '10/PT1M' : name === 'timeout' ? 'PT30S' : 'none'}"></label>`)}
            <button type="submit">Save</button> <span class="muted">Empty: no limit, or the @JobType default.</span>`;
        form.onsubmit = (event) => { event.preventDefault(); save(type, form); };
    }

    async function save(type, form) {
        const body = {};
        for (const [name, kind] of FIELDS) {
            const value = form.elements[name].value.trim();
            body[name] = value === '' ? null : kind === 'number' ? Number(value) : value;
        }
        try {
            const answer = await api(`/api/job-types/${encodeURIComponent(type)}`, { method: 'PUT', body });
            say(html`Saved ${type}${answer.released ? `: ${answer.released} held jobs sent again` : ''}.`);
            await load();
        } catch (e) {
            say(html`Could not save ${type}: ${e.message}`, true);
        }
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = `<h1>Job types</h1><p id="message" class="message" role="status" aria-live="polite"></p>
                <div id="list"><p>Loading…</p></div>`;
            await load();
        },
    };
}
