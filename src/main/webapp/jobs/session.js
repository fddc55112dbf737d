// Who is logged in, and so which actions the pages offer. The server checks every action anyway: this only keeps
// a viewer from meeting buttons that would answer 403.
import { api } from './api.js';

export const session = {
    username: null,
    roles: [],
    can(role) { return this.roles.includes(role); },
};

export async function loadSession() {
    Object.assign(session, await api('/api/me'));
    document.getElementById('who').textContent = `${session.username} (${session.roles.join(', ')})`;
}
