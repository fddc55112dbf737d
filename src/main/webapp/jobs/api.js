// The dashboard's only way to the server: the same REST API that every other client uses.
// URLs are built from location.origin so that a page opened as http://user:pass@host/jobs/ still works.

export class ApiError extends Error {
    constructor(status, detail) {
        super(detail || `HTTP ${status}`);
        this.status = status;
    }
}

export async function api(path, { method = 'GET', body } = {}) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'errand-dashboard' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(new URL(path, location.origin), {
        method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, data && (data.detail || data.title));
    return data;
}

export const jobs = {
    list: (params) => api('/api/jobs?' + new URLSearchParams(clean(params))),
    deadLettered: (params) => api('/api/jobs/dead-lettered?' + new URLSearchParams(clean(params))),
    get: (id) => api(`/api/jobs/${encodeURIComponent(id)}`),
    requeue: (id) => api(`/api/jobs/${encodeURIComponent(id)}/requeue`, { method: 'POST' }),
    remove: (id) => api(`/api/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    bulk: (request) => api('/api/jobs/bulk', { method: 'POST', body: request }),
};

function clean(params) {
    return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}
