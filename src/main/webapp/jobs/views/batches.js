// Batches (GET /api/batches, docs/workflows.md): each batch's state, its jobs per state and a progress bar of the
// jobs that ended; the callbacks' jobs link to their pages.
import { api } from '../api.js';
import { html, timeTag } from '../format.js';

const ENDED = ['SUCCEEDED', 'FAILED', 'DELETED'];

function jobLink(id) {
    return id == null ? html`<span class="muted">–</span>` : html`<a href="#/job/${id}">${id}</a>`;
}

function row(b) {
    const c = b.counts ?? {};
    const ended = ENDED.reduce((sum, s) => sum + (c[s] ?? 0), 0);
    const percent = b.total ? Math.floor((ended * 100) / b.total) : 100;
    return html`<tr data-batch="${b.id}">
        <td>${b.id}</td><td>${b.state}</td><td>${timeTag(b.createdAt)}</td>
        <td><progress max="${b.total}" value="${ended}" aria-label="batch ${b.id}: ${ended} of ${b.total} jobs ended"></progress>
            <span class="muted">${ended} / ${b.total} (${percent} %)</span></td>
        <td>${c.SUCCEEDED ?? 0}</td><td>${c.FAILED ?? 0}</td><td>${c.DELETED ?? 0}</td>
        <td>${jobLink(b.onSuccessJob)}</td><td>${jobLink(b.onCompleteJob)}</td></tr>`;
}

export function batches() {
    let root = null;
    let items = [];
    let fetchedAt = 0;

    function render() {
        root.querySelector('#list').innerHTML = items.length === 0
            ? '<p class="empty">No batches.</p>'
            : html`<div class="table-wrap"><table>
                <caption class="sr-only">Batches</caption>
                <thead><tr><th scope="col">Batch</th><th scope="col">State</th><th scope="col">Created</th>
                    <th scope="col">Progress</th><th scope="col">Succeeded</th><th scope="col">Failed</th>
                    <th scope="col">Deleted</th><th scope="col">onSuccess job</th><th scope="col">onComplete job</th></tr></thead>
                <tbody>${items.map(row)}</tbody></table></div>`;
    }

    async function load() {
        fetchedAt = Date.now();
        const answer = await api('/api/batches?limit=100');
        items = answer?.items ?? [];
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = '<h1>Batches</h1><div id="list"><p>Loading…</p></div>';
            try {
                await load();
            } catch (e) {
                root.querySelector('#list').innerHTML = html`<p class="message error">Could not load the batches: ${e.message}</p>`;
                return;
            }
            render();
        },
        // progress moves with the live ticker, at most every two seconds
        async onStats() {
            if (Date.now() - fetchedAt < 2000) return;
            try {
                await load();
            } catch (e) {
                return; // keep the last list; the next tick tries again
            }
            if (root) render();
        },
    };
}
