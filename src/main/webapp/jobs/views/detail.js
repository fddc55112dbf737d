// One job: what it is, its arguments, its progress and log while it runs, the timeline of every state change,
// each failed attempt's exception.
import { jobs } from '../api.js';
import { html, raw, stateBadge, timeTag, ago } from '../format.js';
import { session } from '../session.js';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'DELETED']);

export function jobDetail(id) {
    let root = null;
    let job = null;
    let loading = false;

    async function load() {
        if (loading) return;
        loading = true;
        try {
            job = await jobs.get(id);
            render();
        } catch (e) {
            root.innerHTML = e.status === 404
                ? html`<h1>Job ${id}</h1><p>There is no job ${id}.</p><p><a href="#/">Back to the overview</a></p>`
                : html`<h1>Job ${id}</h1><p class="message error">Could not load the job: ${e.message}</p>`;
        } finally {
            loading = false;
        }
    }

    function render() {
        const retry = job.state === 'SCHEDULED' && job.scheduledAt;
        const failures = job.history.filter((e) => e.exception);
        const operator = session.can('operator');
        root.innerHTML = html`
            <h1>Job ${job.id} ${stateBadge(job.state)}</h1>
            <p id="message" class="message" role="status" aria-live="polite"></p>
            <div class="toolbar" role="toolbar" aria-label="Actions on this job">
                ${operator && FINAL.has(job.state) ? raw('<button type="button" id="requeue">Requeue</button>') : ''}
                ${operator && job.state !== 'DELETED' ? raw('<button type="button" id="delete" class="danger">Delete</button>') : ''}
            </div>
            <div class="detail-grid">
                <section class="panel" aria-labelledby="facts-title">
                    <h2 id="facts-title">Job</h2>
                    <dl class="facts">
                        <dt>Type</dt><dd>${job.type}</dd>
                        <dt>Queue</dt><dd>${job.queue}</dd>
                        <dt>State</dt><dd id="job-state">${job.state}</dd>
                        <dt>Attempt</dt><dd>${job.attempt} of ${job.maxAttempts}</dd>
                        <dt>Created</dt><dd>${timeTag(job.createdAt)}</dd>
                        ${retry ? raw(html`<dt>Next retry</dt><dd id="next-retry">${timeTag(job.scheduledAt)} (${ago(job.scheduledAt)})</dd>`) : ''}
                        <dt>Started</dt><dd>${timeTag(job.startedAt)}</dd>
                        <dt>Finished</dt><dd>${timeTag(job.finishedAt)}</dd>
                        <dt>Server</dt><dd>${job.server || '—'}${job.serverInstance ? ` (instance ${job.serverInstance})` : ''}</dd>
                        ${job.error ? raw(html`<dt>Error</dt><dd class="error" id="job-error">${job.error}</dd>`) : ''}
                    </dl>
                </section>
                <section class="panel" aria-labelledby="args-title">
                    <h2 id="args-title">Arguments</h2>
                    <pre class="json">${JSON.stringify(job.args ?? {}, null, 2)}</pre>
                </section>
            </div>
            ${job.progress || job.log?.length ? raw(journal()) : ''}
            <section class="panel" aria-labelledby="timeline-title">
                <h2 id="timeline-title">Timeline</h2>
                <ol class="timeline">
                    ${job.history.map((e, i) => html`<li>
                        <div class="when">${timeTag(e.at)}</div>
                        <div>${stateBadge(e.state)} <span class="muted">attempt ${e.attempt} · ${e.server || 'no server'}</span></div>
                        <p class="reason">${e.reason || ''}</p>
                        ${e.exception ? raw(html`<details class="exception" ${raw(i === job.history.length - 1 || e.state === 'FAILED' ? 'open' : '')}>
                            <summary>Exception of attempt ${e.attempt}</summary><pre>${e.exception}</pre></details>`) : ''}
                    </li>`)}
                </ol>
                ${failures.length ? '' : raw('<p class="muted">No attempt of this job has failed.</p>')}
            </section>`;
        root.querySelector('#requeue')?.addEventListener('click', () => act('requeue'));
        root.querySelector('#delete')?.addEventListener('click', () => act('delete'));
    }

    // What the handler reported: a progress bar of the latest report and each attempt's log lines.
    function journal() {
        const p = job.progress;
        const bar = p ? html`<p><progress id="job-progress" max="${p.total}" value="${p.done}"
                aria-label="Progress of attempt ${p.attempt}"></progress>
                <span id="job-progress-text">${p.done.toLocaleString()} of ${p.total.toLocaleString()}${p.percent == null ? '' : ` (${p.percent} %)`}</span>
                <span class="muted">attempt ${p.attempt} · ${timeTag(p.at)}</span></p>` : '';
        const lines = job.log.map((l) => `${l.at.substring(11, 23)}  #${l.attempt}  ${l.line}`).join('\n');
        return html`<section class="panel" aria-labelledby="journal-title">
                <h2 id="journal-title">Progress and log</h2>
                ${raw(bar)}
                ${job.log.length ? raw(html`<pre id="job-log" class="log">${lines}</pre>`) : raw('<p class="muted">No log lines.</p>')}
            </section>`;
    }

    async function act(action) {
        if (action === 'delete' && !window.confirm(`Delete job ${job.id}?`)) return;
        try {
            if (action === 'requeue') await jobs.requeue(job.id); else await jobs.remove(job.id);
            await load();
            root.querySelector('#message').textContent = action === 'requeue' ? 'Requeued.' : 'Deleted.';
        } catch (e) {
            root.querySelector('#message').textContent = `The ${action} failed: ${e.message}`;
            root.querySelector('#message').className = 'message error';
        }
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = html`<h1>Job ${id}</h1><p>Loading…</p>`;
            await load();
        },
        onJobs(changes) {
            if (changes.some((c) => String(c.id) === String(id))) load();
        },
        onStats(tick, changed) {
            // A change event can be skipped when the server is very busy: an unfinished job is also read again
            // whenever the counts move, and a running one with every tick, so its progress and log move live.
            if (job && !FINAL.has(job.state) && (changed || job.state === 'PROCESSING')) load();
        },
    };
}
