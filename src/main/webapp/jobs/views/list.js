// A list of jobs in one state (or the dead-lettered ones): filters, cursor paging, live refresh, bulk actions.
import { jobs } from '../api.js';
import { html, raw, stateBadge, timeTag, esc } from '../format.js';
import { session } from '../session.js';

const TITLES = {
    enqueued: 'Enqueued jobs', scheduled: 'Scheduled jobs', processing: 'Processing jobs', succeeded: 'Succeeded jobs',
    failed: 'Failed jobs', deleted: 'Deleted jobs', awaiting: 'Awaiting jobs', all: 'All jobs', dead: 'Dead-lettered jobs',
};

export function jobList({ state, query }) {
    const filter = { type: query.get('type') || '', queue: query.get('queue') || '' };
    const cursors = [];            // cursors of the pages before this one, for "Previous page"
    let cursor = query.get('cursor') || null;
    let page = null;
    let root = null;
    let lastCount = null;
    let loading = false;
    const dead = state === 'dead';
    const apiState = dead || state === 'all' ? undefined : state.toUpperCase();
    // What the first page follows: this state's count, or for "all" (and the dead-lettered) any count at all.
    const countOf = (tick) => !tick?.counts ? null
        : state === 'all' || dead ? JSON.stringify(tick.counts) : (tick.counts[state] ?? null);

    async function load() {
        if (loading) return;
        loading = true;
        try {
            const params = { state: apiState, type: filter.type, queue: filter.queue, cursor, limit: 50 };
            page = dead ? await jobs.deadLettered({ cursor, limit: 50 }) : await jobs.list(params);
            render();
        } catch (e) {
            message(`Could not load the jobs: ${e.message}`, true);
        } finally {
            loading = false;
        }
    }

    function selected() {
        return [...root.querySelectorAll('tbody input[type=checkbox]:checked')].map((c) => Number(c.value));
    }

    function render() {
        const keep = new Set(selected());
        const body = root.querySelector('tbody');
        body.innerHTML = page.items.length === 0
            ? `<tr><td colspan="8" class="empty">No ${esc(TITLES[state]?.toLowerCase() || 'jobs')}${filter.type || filter.queue ? ' match the filter' : ''}.</td></tr>`
            : page.items.map((j) => html`<tr data-job="${j.id}">
                <td><input type="checkbox" value="${j.id}" id="pick-${j.id}" ${raw(keep.has(j.id) ? 'checked' : '')}>
                    <label for="pick-${j.id}" class="sr-only">Select job ${j.id}</label></td>
                <td><a href="#/job/${j.id}">${j.id}</a></td>
                <td>${j.type}</td>
                <td>${j.queue}</td>
                <td class="job-state">${stateBadge(j.state)}</td>
                <td>${j.attempt} / ${j.maxAttempts}</td>
                <td>${timeTag(j.finishedAt || j.scheduledAt || j.createdAt)}</td>
                <td class="error" title="${j.error || ''}">${j.error || ''}</td>
            </tr>`).join('');
        root.querySelector('#next').disabled = !page.next;
        root.querySelector('#prev').disabled = cursors.length === 0;
        updateBulkButtons();
    }

    function updateBulkButtons() {
        const n = selected().length;
        for (const b of root.querySelectorAll('[data-selected]')) b.disabled = n === 0;
        const selection = root.querySelector('#selection');
        if (selection) selection.textContent = n ? `${n} selected` : '';
    }

    function message(text, error = false) {
        const box = root.querySelector('#message');
        box.textContent = text;
        box.className = error ? 'message error' : 'message';
    }

    async function bulk(action, request, confirmText) {
        if (confirmText && !window.confirm(confirmText)) return;
        try {
            const result = await jobs.bulk({ action, ...request });
            message(`${action === 'requeue' ? 'Requeued' : 'Deleted'} ${result.changed} job(s)${result.skipped ? `, skipped ${result.skipped}` : ''}.`);
            await load();
        } catch (e) {
            message(`The ${action} failed: ${e.message}`, true);
        }
    }

    return {
        async enter(main, { lastTick }) {
            lastCount = countOf(lastTick);
            const failed = state === 'failed';
            main.innerHTML = html`
                <h1>${TITLES[state] || 'Jobs'}</h1>
                ${dead ? raw('<p class="muted">Failed jobs whose messages the broker gave up on (infrastructure faults, not handler errors).</p>') : ''}
                ${dead ? '' : raw(html`<form class="filters" id="filters" aria-label="Filter jobs">
                    <label>Type <input name="type" value="${filter.type}" placeholder="any type"></label>
                    <label>Queue <input name="queue" value="${filter.queue}" placeholder="any queue"></label>
                    <button type="submit">Filter</button>
                    <button type="reset" class="secondary">Clear</button>
                </form>`)}
                ${session.can('operator') ? raw(html`<div class="toolbar" role="toolbar" aria-label="Actions on jobs">
                    <button type="button" data-selected data-action="requeue">Requeue selected</button>
                    <button type="button" data-selected data-action="delete" class="danger">Delete selected</button>
                    ${failed ? raw(`<button type="button" id="requeue-all">Requeue all failed</button>
                    <button type="button" id="delete-all" class="danger">Delete all failed</button>`) : ''}
                    <span id="selection" class="muted"></span>
                </div>`) : ''}
                <p id="message" class="message" role="status" aria-live="polite"></p>
                <div class="table-wrap">
                <table class="jobs">
                    <caption class="sr-only">${TITLES[state] || 'Jobs'}, newest first</caption>
                    <thead><tr>
                        <th scope="col"><input type="checkbox" id="pick-all"><label for="pick-all" class="sr-only">Select all on this page</label></th>
                        <th scope="col">Id</th><th scope="col">Type</th><th scope="col">Queue</th><th scope="col">State</th>
                        <th scope="col">Attempt</th><th scope="col">When</th><th scope="col">Error</th>
                    </tr></thead>
                    <tbody><tr><td colspan="8">Loading…</td></tr></tbody>
                </table>
                </div>
                <nav class="pager" aria-label="Pages">
                    <button type="button" id="first" class="secondary">First page</button>
                    <button type="button" id="prev" class="secondary">Previous page</button>
                    <button type="button" id="next" class="secondary">Next page</button>
                </nav>`;
            root = main;
            const form = main.querySelector('#filters');
            form?.addEventListener('submit', (e) => {
                e.preventDefault();
                const q = new URLSearchParams();
                if (form.elements.type.value.trim()) q.set('type', form.elements.type.value.trim());
                if (form.elements.queue.value.trim()) q.set('queue', form.elements.queue.value.trim());
                location.hash = `#/jobs/${state}${q.toString() ? '?' + q : ''}`;
            });
            form?.addEventListener('reset', () => { location.hash = `#/jobs/${state}`; });
            main.querySelector('tbody').addEventListener('change', updateBulkButtons);
            main.querySelector('#pick-all').addEventListener('change', (e) => {
                for (const c of main.querySelectorAll('tbody input[type=checkbox]')) c.checked = e.target.checked;
                updateBulkButtons();
            });
            for (const b of main.querySelectorAll('[data-selected]')) {
                b.addEventListener('click', () => bulk(b.dataset.action, { ids: selected() }));
            }
            main.querySelector('#requeue-all')?.addEventListener('click',
                () => bulk('requeue', { state: 'FAILED' }, 'Requeue every failed job?'));
            main.querySelector('#delete-all')?.addEventListener('click',
                () => bulk('delete', { state: 'FAILED' }, 'Delete every failed job?'));
            main.querySelector('#next').addEventListener('click', () => { cursors.push(cursor); cursor = page.next; load(); });
            main.querySelector('#prev').addEventListener('click', () => { cursor = cursors.pop() ?? null; load(); });
            main.querySelector('#first').addEventListener('click', () => { cursors.length = 0; cursor = null; load(); });
            await load();
        },
        onStats(tick) {
            // The first page follows the live counts: when this state's count moves, it is read again.
            const count = countOf(tick);
            if (cursor === null && lastCount !== null && count !== lastCount) load();
            lastCount = count;
        },
        onJobs(changes) {
            for (const c of changes) {
                const cell = root?.querySelector(`tr[data-job="${c.id}"] .job-state`);
                if (cell) cell.innerHTML = stateBadge(c.state).text;
            }
            if (cursor === null && (state === 'all' || dead)) load();
        },
    };
}
