// Small formatting helpers: times, durations, cron expressions in words, safe HTML.

export function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A template tag that escapes every value except nested html`` results and raw(...) markup. */
export function html(strings, ...values) {
    return new Raw(strings.reduce((out, s, i) => out + s + (i < values.length ? toHtml(values[i]) : ''), ''));
}

export class Raw {
    constructor(text) { this.text = String(text); }
    toString() { return this.text; }
}
export const raw = (text) => (text instanceof Raw ? text : new Raw(text));

function toHtml(value) {
    if (value instanceof Raw) return value.text;
    if (Array.isArray(value)) return value.map(toHtml).join('');
    return esc(value);
}

export function time(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function timeTag(iso) {
    return iso ? raw(`<time datetime="${esc(iso)}">${esc(time(iso))}</time>`) : '—';
}

export function ago(iso, now = Date.now()) {
    if (!iso) return '—';
    const s = Math.round((now - new Date(iso).getTime()) / 1000);
    if (s < 0) return 'in ' + span(-s);
    return span(s) + ' ago';
}

export function span(seconds) {
    if (seconds < 60) return `${seconds} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
    return `${Math.floor(seconds / 86400)} d`;
}

export function stateBadge(state) {
    const s = String(state || '').toLowerCase();
    return raw(`<span class="state state-${esc(s)}">${esc(s)}</span>`);
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MACROS = {
    '@yearly': 'every year on 1 January at 00:00', '@annually': 'every year on 1 January at 00:00',
    '@monthly': 'on the 1st of every month at 00:00', '@weekly': 'every Sunday at 00:00',
    '@daily': 'every day at 00:00', '@midnight': 'every day at 00:00', '@hourly': 'every hour, on the hour',
};

/** A cron expression (5 fields, 6 with seconds, or @macro) in words; unusual ones field by field. */
export function cronInWords(expression) {
    const cron = String(expression || '').trim();
    if (MACROS[cron.toLowerCase()]) return MACROS[cron.toLowerCase()];
    let f = cron.split(/\s+/);
    if (f.length === 6) {
        const [sec, ...rest] = f;
        if (rest.every((x) => x === '*')) {
            if (sec === '*') return 'every second';
            if (/^\*\/\d+$/.test(sec)) return `every ${sec.slice(2)} seconds`;
        }
        if (sec !== '0') return cron;
        f = rest;
    }
    if (f.length !== 5) return cron;
    const [min, hour, dom, mon, dow] = f;
    const num = (v) => /^\d+$/.test(v);
    const at = num(min) && num(hour) ? `at ${hour.padStart(2, '0')}:${min.padStart(2, '0')}` : null;
    const days = dow === '*' ? null : dow.split(',').map((d) => {
        const range = d.split('-').map((x) => DAYS[Number(x) % 7] ?? x);
        return range.join(' to ');
    }).join(', ');
    let when;
    if (min === '*' && hour === '*') when = 'every minute';
    else if (/^\*\/\d+$/.test(min) && hour === '*') when = `every ${min.slice(2)} minutes`;
    else if (num(min) && hour === '*') when = `every hour at minute ${min}`;
    else if (num(min) && /^\*\/\d+$/.test(hour)) when = `every ${hour.slice(2)} hours at minute ${min}`;
    else if (at) when = at;
    else when = `at minute ${min}, hour ${hour}`;
    const parts = [];
    if (dom === '*' && dow === '*' && (at || when.startsWith('at '))) parts.push('every day');
    if (dom !== '*') parts.push(`on day ${dom} of the month`);
    if (mon !== '*') parts.push(`in ${mon.split(',').map((m) => MONTHS[Number(m) - 1] ?? m).join(', ')}`);
    if (days) parts.push(`on ${days}`);
    return [parts.join(' '), when].filter(Boolean).join(' ').replace(/^on (\w+day)/, 'every $1');
}
