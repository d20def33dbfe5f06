// Supervision and the inbox: the dashboard of the caller's subtree (counts
// per stage, overdue and stalled, charts, units with their ratings, the late list with who
// must act and since when, drill-down, CSV/XLSX exports) and the notifications inbox.
import {api, download} from '../api.js';
import {h, field, replace} from '../dom.js';
import {fmtDate, fmtDateTime, STAGES, stageLabel, RATINGS} from '../format.js';
import {problemBox, notice, busy, loading, badge} from '../ui.js';
import {go} from '../nav.js';

const SUPERVISING = ['supervisor', 'head', 'committee', 'admin'];

export const supervisionPages = [
  [/^\/giam-sat$/, (...a) => dashboardPage(...a)],
  [/^\/giam-sat\/don-vi\/(\d+)$/, (...a) => dashboardPage(...a)],
  [/^\/thong-bao$/, () => inboxPage()],
];

export function supervisionNav(session, link) {
  const items = [];
  const inbox = link('/thong-bao', 'Thông báo');
  const count = h('span', {class: 'nav-count', hidden: true});
  const unreadText = h('span', {class: 'sr-only'});
  inbox.append(count, unreadText);
  api.get('/me/notifications?unread=true&limit=1').then((r) => {
    if (r.unread > 0) {
      count.textContent = String(r.unread);
      unreadText.textContent = ' chưa đọc';
      count.hidden = false;
    }
  }).catch(() => {});
  items.push(h('li', {}, inbox));
  if ((session.person.roles || []).some((r) => SUPERVISING.includes(r.role))) {
    items.push(h('li', {}, link('/giam-sat', 'Giám sát')));
  }
  return items;
}

// ---------- the supervisor's dashboard ----------

function barChart(title, bars, {max} = {}) {
  const top = Math.max(1, max ?? Math.max(0, ...bars.map((b) => b.value)));
  const rowH = 28;
  const labelW = 210;
  const width = 640;
  const height = bars.length * rowH + 8;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`);
  const ns = (tag, attrs, text) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    svg.appendChild(el);
    return el;
  };
  bars.forEach((b, i) => {
    const y = i * rowH + 4;
    const w = Math.round(((width - labelW - 50) * b.value) / top);
    ns('text', {x: 0, y: y + 17}, b.label);
    ns('rect', {x: labelW, y: y + 3, width: Math.max(w, b.value ? 2 : 0), height: rowH - 10, fill: b.color || '#0b4f8a', rx: 2});
    ns('text', {x: labelW + w + 6, y: y + 17}, String(b.value));
  });
  return h('figure', {class: 'figure'}, h('figcaption', {}, title), svg);
}

const RATING_COLORS = {HTXS: '#14532d', HTT: '#0b4f8a', HT: '#8a5a00', KHT: '#8a1111'};

async function dashboardPage(unitId) {
  const q = unitId ? `?unit_id=${unitId}` : '';
  const summary = await api.get(`/tracking/summary${q}`);
  const unitName = unitId ? summary.ratings.by_unit.find((u) => String(u.unit_id) === String(unitId))?.unit_name : null;

  const status = h('select', {name: 'status'},
    h('option', {value: 'late'}, 'Chậm tiến độ (quá hạn hoặc đình trệ)'),
    h('option', {value: 'stalled'}, 'Đình trệ'),
    h('option', {value: 'overdue'}, 'Quá hạn'),
    h('option', {value: 'all'}, 'Tất cả hồ sơ'));
  const stage = h('select', {name: 'stage'}, h('option', {value: ''}, 'Tất cả giai đoạn'),
    STAGES.map(([code, label]) => h('option', {value: code}, label)));
  const listRegion = h('div', {'aria-live': 'polite'});
  const exportStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const params = () => {
    const p = new URLSearchParams();
    if (unitId) p.set('unit_id', unitId);
    p.set('status', status.value);
    if (stage.value) p.set('stage', stage.value);
    return p;
  };
  let listSeq = 0;
  async function loadList() {
    const mine = ++listSeq; // only the latest filter's answer is shown
    listRegion.setAttribute('aria-busy', 'true');
    replace(listRegion, loading());
    try {
      const p = params();
      p.set('limit', '200');
      const res = await api.get(`/tracking/reviews?${p}`);
      if (mine === listSeq) replace(listRegion, lateTable(res));
    } catch (e) {
      if (mine === listSeq) replace(listRegion, problemBox(e));
    } finally {
      if (mine === listSeq) listRegion.removeAttribute('aria-busy');
    }
  }
  status.addEventListener('change', loadList);
  stage.addEventListener('change', loadList);
  loadList();

  const exportButton = (label, path, name) => {
    const b = h('button', {type: 'button', class: 'btn'}, label);
    b.addEventListener('click', async () => {
      try {
        const file = await busy(b, exportStatus, 'Đang chuẩn bị tệp…', () => download(path(), name));
        replace(exportStatus, notice(`Đã tải tệp ${file}.`));
      } catch (e) {
        replace(exportStatus, problemBox(e));
      }
    });
    return b;
  };

  // The official summary report (PDF) is rendered by the server's workers: request it, show
  // progress while it is queued and rendering, then offer it (the page stays usable meanwhile).
  const reportStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const reportBtn = h('button', {type: 'button', class: 'btn'}, 'Báo cáo tổng hợp (PDF)');
  const campaignId = summary.campaign_ids?.[0];
  reportBtn.addEventListener('click', async () => {
    const qs = unitId ? `?unit_id=${unitId}` : '';
    try {
      await busy(reportBtn, reportStatus, 'Đang tạo báo cáo tổng hợp…', async () => {
        let state = await api.post(`/campaigns/${campaignId}/summary-report${qs}`, {});
        while (state.job && (state.job.state === 'queued' || state.job.state === 'rendering')) {
          await new Promise((ok) => setTimeout(ok, 1500));
          if (!reportBtn.isConnected) return;
          state = await api.get(`/campaigns/${campaignId}/summary-report${qs}`);
        }
        if (state.job?.state === 'failed') {
          replace(reportStatus, notice(`Không tạo được báo cáo: ${state.job.last_error || 'lỗi không rõ'}.`, 'error'));
          return;
        }
        const save = h('button', {type: 'button', class: 'btn btn-primary'}, 'Tải báo cáo tổng hợp');
        save.addEventListener('click', () => download(`/campaigns/${campaignId}/summary-report/pdf${qs}`, 'bao-cao-tong-hop.pdf')
          .catch((e) => replace(reportStatus, problemBox(e))));
        replace(reportStatus, notice(`Đã tạo báo cáo lúc ${fmtDateTime(state.document?.created_at)} (${state.document?.page_count ?? '?'} trang).`), save);
      });
    } catch (e) {
      replace(reportStatus, problemBox(e));
    }
  });

  return h('section', {class: 'dashboard'},
    unitId ? h('p', {class: 'crumbs'}, h('a', {href: '#/giam-sat'}, 'Giám sát')) : null,
    h('h1', {}, unitName ? `Giám sát: ${unitName}` : 'Giám sát tiến độ đánh giá'),
    h('p', {class: 'muted'}, `Số liệu lúc ${fmtDateTime(summary.as_of)}. Đình trệ: không có hoạt động quá ${summary.rules.stalled_working_days} ngày làm việc.`),
    h('div', {class: 'kpis'},
      kpi('Tổng số hồ sơ', summary.total),
      kpi('Quá hạn', summary.overdue, summary.overdue ? 'bad' : ''),
      kpi('Đình trệ', summary.stalled, summary.stalled ? 'bad' : '')),
    h('div', {class: 'charts'},
      barChart('Số hồ sơ theo giai đoạn', summary.stages.map((s) => ({label: s.label, value: s.count}))),
      barChart('Kết quả xếp loại đã quyết định', RATINGS.map(([code, label]) => ({
        label, value: summary.ratings.by_group.reduce((n, g) => n + (g.decided?.[code] || 0), 0),
        color: RATING_COLORS[code]})))),
    h('h2', {}, 'Theo giai đoạn'),
    h('div', {class: 'table-wrap'}, h('table', {class: 'table'},
      h('thead', {}, h('tr', {}, ['Giai đoạn', 'Số hồ sơ', 'Quá hạn', 'Đình trệ', 'Lâu nhất từ'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, summary.stages.filter((s) => s.count).map((s) => h('tr', {},
        h('th', {scope: 'row'}, s.label),
        h('td', {class: 'num'}, String(s.count)),
        h('td', {class: 'num'}, String(s.overdue)),
        h('td', {class: 'num'}, String(s.stalled)),
        h('td', {}, s.oldest_since ? `${fmtDateTime(s.oldest_since)} (${s.oldest_age_working_days} ngày làm việc)` : '')))))),
    h('h2', {}, 'Đơn vị'),
    h('div', {class: 'table-wrap'}, h('table', {class: 'table'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Đơn vị'), RATINGS.map(([code]) => h('th', {scope: 'col', class: 'num'}, code)),
        h('th', {scope: 'col', class: 'num'}, 'Không xếp loại'))),
      h('tbody', {}, summary.ratings.by_unit.map((u) => h('tr', {},
        h('th', {scope: 'row'}, String(u.unit_id) === String(unitId) ? u.unit_name : h('a', {href: `#/giam-sat/don-vi/${u.unit_id}`}, u.unit_name)),
        RATINGS.map(([code]) => h('td', {class: 'num'}, String(u.decided?.[code] ?? 0))),
        h('td', {class: 'num'}, String(u.not_rated))))))),
    summary.quota?.length ? [h('h2', {}, 'Tỷ lệ HTXS theo nhóm'),
      h('ul', {}, summary.quota.map((l) => h('li', {}, `${l.peer_group}: ${l.htxs} HTXS / ${l.htt} HTT, tối đa ${l.limit} (${l.percent}%) `,
        l.ok ? badge('Trong hạn mức', 'ok') : badge('Vượt hạn mức', 'bad'))))] : null,
    h('h2', {id: 'late-h'}, 'Hồ sơ cần đôn đốc'),
    h('div', {class: 'filters'}, field('Tình trạng', status), field('Giai đoạn', stage)),
    h('div', {class: 'actions'},
      exportButton('Xuất danh sách (CSV)', () => `/tracking/reviews/export?${params()}&format=csv`, 'ho-so-cham-tien-do.csv'),
      exportButton('Xuất danh sách (XLSX)', () => `/tracking/reviews/export?${params()}&format=xlsx`, 'ho-so-cham-tien-do.xlsx'),
      exportButton('Xuất kết quả xếp loại (XLSX)', () => `/tracking/ratings/export?${unitId ? `unit_id=${unitId}&` : ''}format=xlsx`, 'ket-qua-xep-loai.xlsx'),
      campaignId ? reportBtn : null),
    exportStatus,
    reportStatus,
    listRegion);
}

function kpi(label, value, kind = '') {
  return h('div', {class: `kpi ${kind ? `kpi-${kind}` : ''}`}, h('span', {class: 'kpi-value'}, String(value)), h('span', {class: 'kpi-label'}, label));
}

function lateTable(res) {
  if (!res.items.length) return h('p', {class: 'empty'}, 'Không có hồ sơ nào trong danh sách này.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'table late'},
    h('caption', {}, `${res.total} hồ sơ`),
    h('thead', {}, h('tr', {}, ['Họ và tên', 'Đơn vị', 'Giai đoạn', 'Người phải xử lý', 'Ở giai đoạn từ', 'Hạn', 'Tình trạng']
      .map((t) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, res.items.map((r) => h('tr', {class: r.stalled || r.overdue ? 'row-over' : ''},
      h('th', {scope: 'row'}, h('a', {href: `#/ho-so/${r.review_id}`}, r.person_name)),
      h('td', {}, r.unit_name),
      h('td', {}, r.stage_label || stageLabel(r.stage)),
      h('td', {}, r.must_act?.role_label || '', r.must_act?.people?.length ? `: ${r.must_act.people.map((p) => p.name).join(', ')}` : ''),
      h('td', {}, fmtDateTime(r.since), h('div', {class: 'muted'}, `không hoạt động ${r.idle_working_days} ngày làm việc`)),
      h('td', {}, r.due ? fmtDate(r.due) : ''),
      h('td', {}, r.stalled ? badge('Đình trệ', 'bad') : null, r.stalled && r.overdue ? ' ' : null,
        r.overdue ? badge(`Quá hạn ${r.overdue_working_days} ngày`, 'bad') : null,
        !r.stalled && !r.overdue ? badge('Đúng tiến độ', 'ok') : null))))));
}

// ---------- the inbox ----------

async function inboxPage() {
  const box = await api.get('/me/notifications?limit=100');
  const items = box.items.map((n) => {
    const read = h('button', {type: 'button', class: 'btn btn-link'}, 'Đánh dấu đã đọc');
    const li = h('li', {class: `card note${n.read ? '' : ' unread'}`},
      h('p', {class: 'tl-title'}, n.read ? null : [badge('Mới', 'warn'), ' '], n.subject),
      h('p', {class: 'muted'}, fmtDateTime(n.created_at), n.due ? ` — hạn ${fmtDate(n.due)}` : ''),
      n.body ? h('p', {class: 'text'}, n.body) : null,
      h('div', {class: 'actions'},
        n.review_id ? h('a', {class: 'btn', href: `#/ho-so/${n.review_id}`}, 'Mở hồ sơ') : null,
        n.read ? null : read));
    read.addEventListener('click', async () => {
      try {
        await busy(read, null, 'Đang lưu…', () => api.post(`/me/notifications/${n.id}/read`));
        go('/thong-bao');
      } catch (e) {
        li.append(problemBox(e));
      }
    });
    return li;
  });
  return h('section', {},
    h('h1', {}, 'Thông báo'),
    h('p', {class: 'muted'}, `${box.unread} thông báo chưa đọc trên tổng số ${box.total}.`),
    items.length ? h('ul', {class: 'plain'}, items) : h('p', {class: 'empty'}, 'Chưa có thông báo nào.'));
}
