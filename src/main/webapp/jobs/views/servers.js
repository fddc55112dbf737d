// Servers (GET /api/servers): every live node of the cluster, its instance, heartbeat age, workers, queues.
import { api } from '../api.js';
import { html, timeTag, ago } from '../format.js';

export function servers() {
    let root = null;
    let items = [];
    let fetchedAt = 0;

    function render() {
        root.querySelector('#list').innerHTML = items.length === 0
            ? '<p class="empty">No server information.</p>'
            : html`<div class="table-wrap"><table>
                <caption class="sr-only">Servers</caption>
                <thead><tr><th scope="col">Node</th><th scope="col">Instance</th><th scope="col">Host</th>
                    <th scope="col">Started</th><th scope="col">Heartbeat</th><th scope="col">Running / workers</th>
                    <th scope="col">Queues</th></tr></thead>
                <tbody>${items.map((s) => html`<tr data-server="${s.id}">
                    <td>${s.node ?? s.id}</td><td class="muted">${s.id}</td><td>${s.host}</td><td>${timeTag(s.startedAt)}</td>
                    <td>${ago(s.heartbeatAt)}</td><td>${s.running ?? 0} / ${s.workers}</td>
                    <td>${Array.isArray(s.queues) ? s.queues.join(', ') : s.queues}</td></tr>`)}</tbody></table></div>`;
    }

    return {
        async enter(main) {
            root = main;
            main.innerHTML = '<h1>Servers</h1><div id="list"><p>Loading…</p></div>';
            try {
                const answer = await api('/api/servers');
                items = Array.isArray(answer) ? answer : (answer?.items ?? []);
            } catch (e) {
                if (e.status !== 404) {
                    root.querySelector('#list').innerHTML = html`<p class="message error">Could not load the servers: ${e.message}</p>`;
                    return;
                }
                items = [];
            }
            render();
        },
        // heartbeat ages move on; nodes come and go (a stopped one drops out after the server timeout)
        async onStats() {
            if (Date.now() - fetchedAt < 5000) {
                if (items.length) render();
                return;
            }
            fetchedAt = Date.now();
            try {
                const answer = await api('/api/servers');
                items = Array.isArray(answer) ? answer : (answer?.items ?? items);
            } catch (e) {
                // keep the last list; the next tick tries again
            }
            if (root) render();
        },
    };
}
