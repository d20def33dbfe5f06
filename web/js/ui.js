// Shared pieces of the pages: the refusal box (detail, every reason, quota lines),
// busy buttons with progress, notices and the quota table.
import {h, replace} from './dom.js';
import {groupLabel} from './format.js';

/** The box showing what the server refused and why, with the numbers when there are. */
export function problemBox(error, {title} = {}) {
  const p = error?.problem || {};
  const reasons = (p.errors || []).filter((e) => e.detail && e.detail !== p.detail);
  return h('div', {class: 'alert alert-error', role: 'alert'},
    h('p', {class: 'alert-title'}, title || p.title || 'Không thực hiện được'),
    h('p', {}, p.detail || error?.message || 'Đã có lỗi.'),
    reasons.length ? h('ul', {}, reasons.map((e) => h('li', {}, e.detail))) : null,
    Array.isArray(p.quota) && p.quota.length ? quotaTable(p.quota, {caption: 'Tỷ lệ xếp loại theo nhóm'}) : null,
    p.request_id && p.status >= 500 && !String(p.detail || '').includes(p.request_id)
      ? h('p', {class: 'muted'}, `Mã yêu cầu: ${p.request_id}`) : null);
}

export function notice(text, kind = 'ok') {
  return h('div', {class: `alert alert-${kind}`, role: kind === 'ok' ? 'status' : 'alert'}, text);
}

/** HTXS against the limit per peer group, as the server computed them. */
export function quotaTable(lines, {caption, percent} = {}) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'table quota'},
    h('caption', {}, caption || 'Hạn mức Hoàn thành xuất sắc nhiệm vụ'),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Nhóm'),
      h('th', {scope: 'col', class: 'num'}, 'Số HTXS'),
      h('th', {scope: 'col', class: 'num'}, 'Số HTT'),
      h('th', {scope: 'col', class: 'num'}, percent ? `Tối đa HTXS (${percent}% số HTT)` : 'Tối đa HTXS'),
      h('th', {scope: 'col'}, 'Kết quả'))),
    h('tbody', {}, lines.map((l) => h('tr', {class: l.ok ? '' : 'row-bad'},
      h('th', {scope: 'row'}, groupLabel(l.peer_group)),
      h('td', {class: 'num'}, String(l.htxs)),
      h('td', {class: 'num'}, String(l.htt)),
      h('td', {class: 'num'}, String(l.limit)),
      h('td', {}, l.ok ? h('span', {class: 'badge badge-ok'}, 'Trong hạn mức')
        : h('span', {class: 'badge badge-bad'}, 'Vượt hạn mức')))))));
}

/**
 * Runs `work` with the button disabled and a progress bar shown in `statusEl`
 * (the page stays usable; a second click cannot send twice).
 */
export async function busy(button, statusEl, label, work) {
  const old = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  if (statusEl) replace(statusEl, h('div', {class: 'progress-line'}, h('progress', {'aria-label': label}), h('span', {}, label)));
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = old;
    if (statusEl) {
      const bar = statusEl.querySelector('.progress-line');
      if (bar) bar.remove();
    }
  }
}

export function loading(text = 'Đang tải…') {
  return h('div', {class: 'loading', role: 'status'}, h('progress', {'aria-label': text}), h('span', {}, text));
}

export function badge(text, kind) {
  return h('span', {class: `badge badge-${kind}`}, text);
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}
