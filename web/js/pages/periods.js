// Theo dõi, đánh giá theo kỳ (the 100-point scoring of công chức): the person's periods, one
// period (tasks and products with their conversion factor K, evidence files, the self-score of
// the general criteria), the manager's scoring of the team on one screen, the head's approval
// and lock, and the person's year. Totals and bands always come from the server: the live
// figures are dry runs of the action (POST /periods/{id}/checks/{action}), never computed here.
import {api, getAll, mapLimited, session, upload, download, ApiError} from '../api.js';
import {h, field, replace, debounce, setFieldError, uid} from '../dom.js';
import {fmtDate, fmtDateTime, parseDate, ratingLabel, PERIOD_STAGES, periodStageLabel, periodActionLabel,
  fmtPoints, pointsText} from '../format.js';
import {problemBox, notice, busy, facts, badge} from '../ui.js';
import {go, setFlash, takeFlash} from '../nav.js';

export const periodPages = [
  [/^\/ky-danh-gia$/, () => myPeriodsPage()],
  [/^\/ky-danh-gia\/(\d+)$/, (id) => periodPage(id)],
  [/^\/ky-danh-gia\/nam\/(\d+)\/(\d{4})$/, (person, year) => yearPage(person, year)],
  [/^\/cham-diem-ky$/, () => teamPage()],
  [/^\/cham-diem-ky\/(\d{4}-(?:\d{2}|Q[1-4]))$/, (key) => teamPage(key)],
];

// ---------- navigation ----------

// What the navigation knows per session: once a person is known to have periods (or a team
// with periods), the entry stays without asking again.
const navKnown = new Map();

/** "Đánh giá theo kỳ" for people with periods, "Chấm điểm theo kỳ" for heads whose units have some. */
export function periodsNav(s, link) {
  const own = h('li', {hidden: true}, link('/ky-danh-gia', 'Đánh giá theo kỳ'));
  const team = h('li', {hidden: true}, link('/cham-diem-ky', 'Chấm điểm theo kỳ'));
  const apply = (k) => {
    own.hidden = !k.own;
    team.hidden = !k.team;
  };
  const known = navKnown.get(s.token);
  if (known) apply(known);
  const heads = (s.person.roles || []).some((r) => r.role === 'head');
  if (!known || !known.own || (heads && !known.team)) {
    Promise.all([
      api.get(`/periods?person_id=${s.person.id}&limit=1`).then((r) => r.total).catch(() => 0),
      heads ? api.get('/periods?limit=1').then((r) => r.total).catch(() => 0) : 0,
    ]).then(([mine, all]) => {
      const k = {own: mine > 0, team: heads && all > mine};
      navKnown.set(s.token, k);
      apply(k);
    });
  }
  return [own, team];
}

// ---------- shared pieces ----------

function bandText(code) {
  return code ? `${ratingLabel(code)} (${code})` : '';
}

function bandBadge(code) {
  if (!code) return null;
  return badge(ratingLabel(code), code === 'KHT' ? 'bad' : code === 'HT' ? 'warn' : 'ok');
}

function textInput(value, attrs = {}) {
  const i = h('input', {type: 'text', ...attrs});
  i.value = value ?? '';
  return i;
}

function textarea(value, attrs = {}) {
  const t = h('textarea', {rows: 3, ...attrs});
  t.value = value || '';
  return t;
}

/** The controls of a form named by refusal fields ("scores.II.3.reason"), marked with their reason. */
function markFields(root, errors) {
  for (const el of root.querySelectorAll('[data-field]')) setFieldError(el, '');
  let first = null;
  for (const e of errors || []) {
    const el = e.field && root.querySelector(`[data-field="${CSS.escape(e.field)}"]`);
    if (el) {
      setFieldError(el, e.detail);
      first = first || el;
    }
  }
  return first;
}

/** The totals a score leads to (the server's PeriodScore), as a short list. */
function totalsView(score, {caption} = {}) {
  if (!score) return null;
  return h('div', {class: 'totals'},
    caption ? h('p', {class: 'totals-title'}, caption) : null,
    h('dl', {class: 'facts'},
      h('dt', {}, '1. Điểm tiêu chí chung'), h('dd', {}, `${fmtPoints(score.general)} / 30`),
      h('dt', {}, '2. Điểm kết quả thực hiện nhiệm vụ'),
      h('dd', {}, `${fmtPoints(score.task)} / 70`,
        h('span', {class: 'muted'}, ` (a = ${fmtPoints(score.a)}%, b = ${fmtPoints(score.b)}%, c = ${fmtPoints(score.c)}%)`)),
      h('dt', {}, '3. Tổng điểm'), h('dd', {class: 'total'}, h('strong', {}, fmtPoints(score.total))),
      h('dt', {}, 'Mức xếp loại tương ứng'), h('dd', {}, bandBadge(score.band), ' ', bandText(score.band))));
}

/**
 * Dry runs of `action` as the form changes: `collect()` is the body; `onResult(res)` gets the
 * verdict (accepted, errors, score). One answer at a time, the latest wins.
 */
function liveCheck(periodId, action, collect, onResult, onError) {
  let seq = 0;
  const run = async () => {
    const mine = ++seq;
    try {
      const res = await api.post(`/periods/${periodId}/checks/${action}`, collect());
      if (mine === seq) onResult(res);
    } catch (e) {
      if (mine === seq) onError(e);
    }
  };
  return {run, later: debounce(run, 300)};
}

/**
 * The general criteria as a table of inputs: points (and the reason of a withheld point) per
 * item. `start` are the scores to show first, `other` a column to compare with (the self-score).
 */
function criteriaTable(criteria, start, {prefix, other, otherTitle, caption}) {
  const controls = [];
  const body = [];
  for (const g of criteria.groups) {
    body.push(h('tr', {class: 'group-row'},
      h('th', {scope: 'rowgroup', colspan: other ? 5 : 4}, `${g.code}. ${g.title} (tối đa ${fmtPoints(g.max)} điểm)`)));
    for (const item of g.items) {
      const s = start?.[item.code];
      const first = s ? s.points : item.default_full ? item.max : '';
      const points = textInput(fmtPoints(first), {inputmode: 'decimal', class: 'points',
        'data-field': `scores.${item.code}`, 'data-code': item.code, autocomplete: 'off'});
      const reason = textInput(s?.reason || '', {class: 'reason', 'data-field': `scores.${item.code}.reason`, autocomplete: 'off'});
      points.id = uid(`${prefix}-p`);
      reason.id = uid(`${prefix}-r`);
      const cell = (control, label) => h('td', {},
        h('label', {class: 'sr-only', for: control.id}, label),
        control,
        h('p', {class: 'field-error', id: `${control.id}-err`, role: 'status'}));
      points.setAttribute('aria-describedby', `${points.id}-err`);
      reason.setAttribute('aria-describedby', `${reason.id}-err`);
      controls.push({item, points, reason});
      body.push(h('tr', {},
        h('th', {scope: 'row'}, h('span', {class: 'code'}, item.code), ' ', item.title),
        h('td', {class: 'num'}, fmtPoints(item.max)),
        other ? h('td', {class: 'num'}, fmtPoints(other[item.code]?.points)) : null,
        cell(points, `Điểm mục ${item.code} (tối đa ${fmtPoints(item.max)})`),
        cell(reason, `Lý do trừ điểm mục ${item.code}`)));
    }
  }
  const table = h('div', {class: 'table-wrap'}, h('table', {class: 'table criteria'},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Tiêu chí'),
      h('th', {scope: 'col', class: 'num'}, 'Tối đa'),
      other ? h('th', {scope: 'col', class: 'num'}, otherTitle) : null,
      h('th', {scope: 'col'}, 'Điểm'),
      h('th', {scope: 'col'}, 'Lý do trừ điểm'))),
    h('tbody', {}, body)));
  const collect = () => {
    const scores = {};
    for (const {item, points, reason} of controls) {
      const p = pointsText(points.value);
      if (p === '') continue;
      scores[item.code] = {points: p, reason: reason.value.trim()};
    }
    return scores;
  };
  return {table, collect, controls};
}

// ---------- the person's periods ----------

async function myPeriodsPage() {
  const me = session.get().person;
  const list = await getAll(`/periods?person_id=${me.id}`);
  list.sort((a, b) => b.period.localeCompare(a.period));
  const years = [...new Set(list.map((p) => p.period.slice(0, 4)))].sort().reverse();
  const heads = (me.roles || []).some((r) => r.role === 'head');
  return h('section', {},
    h('h1', {}, 'Đánh giá theo kỳ'),
    h('p', {class: 'lead'}, 'Các kỳ theo dõi, đánh giá của bạn theo thang 100 điểm: đăng ký nhiệm vụ, báo cáo sản phẩm, tự chấm điểm tiêu chí chung; cấp có thẩm quyền chấm điểm, người đứng đầu phê duyệt và khóa kết quả.'),
    list.length ? periodsTable(list, 'Các kỳ của tôi') : h('p', {class: 'empty'}, 'Bạn chưa có kỳ theo dõi, đánh giá nào.'),
    years.length ? [h('h2', {}, 'Kết quả năm'),
      h('ul', {class: 'plain'}, years.map((y) => h('li', {class: 'card'},
        h('a', {href: `#/ky-danh-gia/nam/${me.id}/${y}`}, `Kết quả theo kỳ năm ${y}`))))] : null,
    heads ? h('p', {}, h('a', {href: '#/cham-diem-ky'}, 'Chấm điểm theo kỳ cho công chức thuộc quyền')) : null);
}

function periodsTable(list, caption) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'table periods'},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Kỳ'),
      h('th', {scope: 'col'}, 'Giai đoạn'),
      h('th', {scope: 'col', class: 'num'}, 'Tổng điểm'),
      h('th', {scope: 'col'}, 'Xếp loại'))),
    h('tbody', {}, list.map((p) => h('tr', {},
      h('th', {scope: 'row'}, h('a', {href: `#/ky-danh-gia/${p.id}`}, p.label)),
      h('td', {}, periodStageLabel(p.stage, p.stage_label)),
      h('td', {class: 'num'}, fmtPoints(p.total)),
      h('td', {}, p.band ? ratingLabel(p.band) : ''))))));
}

// ---------- one period ----------

async function periodPage(id) {
  const me = session.get().person;
  const [period, events] = await Promise.all([api.get(`/periods/${id}`), api.get(`/periods/${id}/events`)]);
  const flash = takeFlash();
  const own = period.person.id === me.id;
  const allowed = period.allowed_actions || [];
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const ctx = {period, status};

  return h('article', {class: 'period'},
    h('p', {class: 'crumbs'},
      own ? h('a', {href: '#/ky-danh-gia'}, 'Đánh giá theo kỳ') : h('a', {href: `#/cham-diem-ky/${period.period}`}, 'Chấm điểm theo kỳ'),
      ' › ', period.label),
    h('h1', {}, `${period.label}: ${period.person.full_name}`),
    flash ? notice(flash.text, flash.kind) : null,
    facts([
      ['Họ và tên', period.person.full_name],
      ['Chức vụ', period.person.position],
      ['Quy định áp dụng', period.regime?.title],
    ]),
    stepper(period),
    period.record.last_return_reason && !['approved', 'locked'].includes(period.stage)
      ? h('div', {class: 'alert alert-warn', role: 'note'}, h('p', {class: 'alert-title'}, 'Kỳ đánh giá được trả lại'), h('p', {}, period.record.last_return_reason))
      : null,
    allowed.includes('register_tasks') && !allowed.includes('submit_products')
      ? tasksForm(ctx)
      : tasksSection(period, allowed.includes('register_tasks') ? tasksForm(ctx, {folded: true}) : null),
    allowed.includes('submit_products') ? productsForm(ctx) : null,
    allowed.includes('self_score') ? selfScoreForm(ctx) : null,
    status,
    resultSection(period),
    h('p', {}, h('a', {href: `#/ky-danh-gia/nam/${period.person.id}/${period.period.slice(0, 4)}`},
      `Xem kết quả theo kỳ năm ${period.period.slice(0, 4)}`)),
    timeline(events.items));
}

function stepper(period) {
  const order = PERIOD_STAGES.map(([code]) => code);
  const at = order.indexOf(period.stage);
  return h('section', {class: 'stage', 'aria-labelledby': 'pstage-h'},
    h('h2', {id: 'pstage-h'}, 'Giai đoạn hiện tại: ', h('span', {class: 'stage-now'}, periodStageLabel(period.stage, period.stage_label))),
    h('ol', {class: 'stepper'}, PERIOD_STAGES.map(([code, label], i) => {
      const state = code === period.stage ? 'now' : i < at ? 'done' : 'todo';
      return h('li', {class: `step step-${state}`, 'aria-current': state === 'now' ? 'step' : null},
        h('span', {class: 'step-dot', 'aria-hidden': 'true'}),
        h('span', {class: 'step-label'}, label),
        h('span', {class: 'sr-only'}, state === 'done' ? ' (đã qua)' : state === 'now' ? ' (hiện tại)' : ''));
    })));
}

/** POST the period's action with If-Match; back to `after` (default the period) on success. */
async function runPeriodAction(period, action, body, button, statusEl, {form, after} = {}) {
  try {
    await busy(button, statusEl, 'Đang gửi…', () => api.post(`/periods/${period.id}/actions/${action}`, body,
      {ifMatch: period.version}));
    setFlash(`Đã thực hiện: ${periodActionLabel(action)} (${period.person.full_name}, ${period.label}).`);
    go(after || `/ky-danh-gia/${period.id}`);
    return true;
  } catch (e) {
    const stale = e instanceof ApiError && e.problem.code === 'stale_version';
    replace(statusEl, problemBox(e), stale
      ? h('p', {}, h('button', {type: 'button', class: 'btn', onclick: () => go(after || `/ky-danh-gia/${period.id}`)}, 'Tải lại'))
      : null);
    const first = form ? markFields(form, e.problem?.errors) : null;
    if (first) first.focus();
    else statusEl.querySelector('[role=alert]')?.scrollIntoView({block: 'nearest'});
    return false;
  }
}

function productLabel(p) {
  return `${p.code} — ${p.name} (K = ${fmtPoints(p.k)}${p.unit ? `; đơn vị: ${p.unit}` : ''})`;
}

// The list of tasks (register_tasks): the whole list is sent each time.
function tasksForm(ctx, {folded} = {}) {
  const {period} = ctx;
  const products = period.products || [];
  const rows = h('div', {class: 'rows'});
  const formStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  let n = 0;
  const used = new Set(period.record.tasks.map((t) => t.key));
  const nextKey = () => {
    do n += 1; while (used.has(`nv${n}`));
    used.add(`nv${n}`);
    return `nv${n}`;
  };
  const addRow = (t) => {
    const key = t?.key || nextKey();
    const i = rows.children.length;
    const title = textInput(t?.title, {'data-field': `tasks.${i}.title`});
    const product = h('select', {'data-field': `tasks.${i}.product_code`},
      h('option', {value: ''}, '— Chọn sản phẩm —'),
      products.map((p) => h('option', {value: p.code, selected: p.code === t?.product_code}, productLabel(p))));
    const assigned = textInput(fmtPoints(t?.assigned), {inputmode: 'decimal', 'data-field': `tasks.${i}.assigned`});
    const due = textInput(t?.due ? fmtDate(t.due) : '', {placeholder: 'dd/mm/yyyy', 'data-field': `tasks.${i}.due`});
    const remove = h('button', {type: 'button', class: 'btn btn-link'}, 'Bỏ nhiệm vụ này');
    const row = h('fieldset', {class: 'row'},
      h('legend', {}, `Nhiệm vụ ${i + 1}`),
      field('Tên nhiệm vụ', title, {required: true}),
      field('Sản phẩm, công việc (hệ số quy đổi K)', product, {required: true}),
      h('div', {class: 'grid2'},
        field('Số lượng giao', assigned, {required: true}),
        field('Hạn hoàn thành', due, {hint: 'Ngày/tháng/năm, có thể để trống.'})),
      h('p', {}, remove));
    row.kd = {key, title, product, assigned, due, old: t};
    remove.addEventListener('click', () => {
      row.remove();
      [...rows.children].forEach((r, j) => {
        r.querySelector('legend').textContent = `Nhiệm vụ ${j + 1}`;
      });
    });
    rows.append(row);
    return row;
  };
  for (const t of period.record.tasks) addRow(t);
  if (!period.record.tasks.length) addRow();
  const addBtn = h('button', {type: 'button', class: 'btn'}, 'Thêm nhiệm vụ');
  addBtn.addEventListener('click', () => addRow().querySelector('input').focus());
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Lưu danh sách nhiệm vụ');
  const form = h('form', {class: 'stack', novalidate: true},
    products.length ? null : notice('Cơ quan chưa ban hành danh mục sản phẩm, công việc áp dụng cho kỳ này.', 'warn'),
    rows,
    h('div', {class: 'actions'}, submit, addBtn),
    formStatus);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    let bad = null;
    const tasks = [...rows.children].map((r) => {
      const {key, title, product, assigned, due, old} = r.kd;
      let dueIso = null;
      setFieldError(due, '');
      if (due.value.trim()) {
        dueIso = parseDate(due.value);
        if (!dueIso) {
          setFieldError(due, 'Ngày không hợp lệ (ngày/tháng/năm).');
          bad = bad || due;
        }
      }
      const t = {key, title: title.value.trim(), product_code: product.value, assigned: pointsText(assigned.value)};
      if (dueIso) t.due = dueIso;
      if (old?.deductions?.length) t.deductions = old.deductions;
      return t;
    });
    if (bad) {
      bad.focus();
      return;
    }
    runPeriodAction(period, 'register_tasks', {tasks}, submit, formStatus, {form});
  });
  const body = h('section', {class: 'card', 'aria-labelledby': 'tasks-h'},
    h('h2', {id: 'tasks-h'}, 'Đăng ký nhiệm vụ của kỳ'),
    h('p', {class: 'hint'}, 'Mỗi nhiệm vụ đo bằng sản phẩm, công việc trong danh mục của cơ quan; số lượng được quy đổi theo hệ số K của sản phẩm.'),
    form);
  if (!folded) return body;
  return h('details', {class: 'secondary-action'}, h('summary', {}, 'Sửa danh sách nhiệm vụ'), form);
}

function evidenceList(list, {onRemove} = {}) {
  if (!list.length) return h('p', {class: 'muted'}, 'Chưa có minh chứng.');
  return h('ul', {class: 'evidence'}, list.map((e, i) => h('li', {},
    e.kind === 'file'
      ? [h('button', {type: 'button', class: 'btn-link', onclick: () => download(`/evidence/${e.sha256}`, e.name).catch(() => {})}, e.name || 'Tệp minh chứng'),
        h('span', {class: 'muted'}, ' — SHA-256: '), h('code', {class: 'sha'}, e.sha256)]
      : [e.name || e.url || '', e.document_number ? ` (${e.document_number})` : ''],
    onRemove ? [' ', h('button', {type: 'button', class: 'btn btn-link', onclick: () => onRemove(i)}, `Bỏ tệp ${e.name || ''}`.trim())] : null)));
}

function tasksSection(period, editor) {
  const tasks = period.record.tasks;
  return h('section', {class: 'card', 'aria-labelledby': 'tasks-h'},
    h('h2', {id: 'tasks-h'}, 'Nhiệm vụ và sản phẩm'),
    tasks.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'table tasks-table'},
      h('caption', {}, `${tasks.length} nhiệm vụ`),
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Nhiệm vụ'),
        h('th', {scope: 'col'}, 'Sản phẩm, công việc'),
        h('th', {scope: 'col', class: 'num'}, 'Hệ số K'),
        h('th', {scope: 'col', class: 'num'}, 'Số lượng giao'),
        h('th', {scope: 'col', class: 'num'}, 'Hoàn thành'),
        h('th', {scope: 'col'}, 'Hạn'),
        h('th', {scope: 'col'}, 'Minh chứng'))),
      h('tbody', {}, tasks.map((t) => h('tr', {},
        h('th', {scope: 'row'}, t.title),
        h('td', {}, `${t.product_code} — ${t.product_name}`),
        h('td', {class: 'num'}, fmtPoints(t.k)),
        h('td', {class: 'num'}, fmtPoints(t.assigned)),
        h('td', {class: 'num'}, fmtPoints(t.completed)),
        h('td', {}, fmtDate(t.due)),
        h('td', {}, evidenceList(t.evidence || []))))))) : h('p', {class: 'empty'},
      period.record.no_tasks_reason ? `Không có nhiệm vụ: ${period.record.no_tasks_reason}` : 'Chưa đăng ký nhiệm vụ.'),
    editor);
}

// Products of each task (submit_products): the completed quantity and the evidence files,
// uploaded at once (stored by SHA-256) and cited when the report is sent.
function productsForm(ctx) {
  const {period} = ctx;
  const formStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const blocks = period.record.tasks.map((t, i) => {
    const completed = textInput(fmtPoints(Number(t.completed) > 0 ? t.completed : ''), {inputmode: 'decimal', 'data-field': `products.${t.key}.completed`});
    const evidence = [...(t.evidence || [])];
    const listBox = h('div', {'aria-live': 'polite'});
    const uploadStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
    const show = () => replace(listBox, evidenceList(evidence, {onRemove: (j) => {
      evidence.splice(j, 1);
      show();
    }}));
    show();
    const file = h('input', {type: 'file', accept: 'application/pdf,image/png,image/jpeg', 'data-field': `products.${t.key}.evidence`});
    file.addEventListener('change', async () => {
      for (const f of [...file.files]) {
        replace(uploadStatus, h('div', {class: 'progress-line'}, h('progress', {'aria-label': `Đang tải lên ${f.name}`}), h('span', {}, `Đang tải lên ${f.name}…`)));
        try {
          const stored = await upload('/evidence', f);
          if (!evidence.some((e) => e.sha256 === stored.sha256)) evidence.push({kind: 'file', sha256: stored.sha256, name: f.name});
          show();
          replace(uploadStatus, notice(`Đã tải lên ${f.name} (SHA-256: ${stored.sha256}).`));
        } catch (e) {
          replace(uploadStatus, problemBox(e, {title: `Không tải lên được ${f.name}`}));
        }
      }
      file.value = '';
    });
    return {t, completed, evidence, el: h('fieldset', {class: 'row'},
      h('legend', {}, `${i + 1}. ${t.title}`),
      h('p', {class: 'muted'}, `${t.product_code} — ${t.product_name}; hệ số K = ${fmtPoints(t.k)}; số lượng giao: ${fmtPoints(t.assigned)}`),
      field(`Số lượng hoàn thành: ${t.title}`, completed, {required: true}),
      h('p', {class: 'label'}, 'Minh chứng đã đính kèm'),
      listBox,
      field(`Tệp minh chứng cho: ${t.title}`, file, {hint: 'PDF, PNG hoặc JPEG; tệp được lưu một lần theo mã SHA-256.'}),
      uploadStatus)};
  });
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Báo cáo kết quả thực hiện');
  const form = h('form', {class: 'stack', novalidate: true}, blocks.map((b) => b.el),
    h('div', {class: 'actions'}, submit), formStatus);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const products = Object.fromEntries(blocks.map((b) => [b.t.key, {completed: pointsText(b.completed.value), evidence: b.evidence}]));
    runPeriodAction(period, 'submit_products', {products}, submit, formStatus, {form});
  });
  return h('section', {class: 'card', 'aria-labelledby': 'prod-h'},
    h('h2', {id: 'prod-h'}, 'Báo cáo sản phẩm, minh chứng'),
    form);
}

// The self-score of the general criteria, with the totals it leads to as the person types.
function selfScoreForm(ctx) {
  const {period} = ctx;
  if (!period.criteria) return null;
  const formStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const grid = criteriaTable(period.criteria, Object.keys(period.record.self_scores || {}).length ? period.record.self_scores : null,
    {prefix: 'self', caption: `I. Tự chấm điểm tiêu chí chung (tối đa ${fmtPoints(period.criteria.max)} điểm)`});
  const strengths = textarea(period.record.strengths, {'data-field': 'strengths'});
  const shortcomings = textarea(period.record.shortcomings, {'data-field': 'shortcomings'});
  const live = h('div', {class: 'live-totals', 'aria-live': 'polite'});
  const collect = () => ({scores: grid.collect(), strengths: strengths.value, shortcomings: shortcomings.value});
  const form = h('form', {class: 'stack', novalidate: true});
  const check = liveCheck(period.id, 'self_score', collect, (res) => {
    const errors = (res.errors || []).filter((e) => e.field);
    markFields(form, errors);
    replace(live, totalsView(res.score, {caption: 'Điểm theo phiếu đang chấm (máy chủ tính)'}),
      res.accepted ? notice('Phiếu tự chấm điểm đã đủ điều kiện để nộp.') : null);
  }, (e) => replace(live, problemBox(e, {title: 'Chưa tính được điểm'})));
  form.addEventListener('input', check.later);
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Nộp tự chấm điểm');
  form.append(
    h('p', {class: 'hint'}, 'Chấm theo bước 0,5 điểm; mỗi điểm bị trừ phải ghi rõ lý do. Nhấn Enter trong một ô để nộp.'),
    grid.table,
    field('Ưu điểm', strengths),
    field('Hạn chế, khuyết điểm', shortcomings),
    live,
    h('div', {class: 'actions'}, submit),
    formStatus);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runPeriodAction(period, 'self_score', collect(), submit, formStatus, {form});
  });
  check.run();
  return h('section', {class: 'card', 'aria-labelledby': 'self-h'},
    h('h2', {id: 'self-h'}, 'Tự chấm điểm'),
    form);
}

function resultSection(period) {
  const self = period.scores?.self;
  const manager = period.scores?.manager;
  const rows = [
    ['1. Điểm tiêu chí chung', (s) => fmtPoints(s.general)],
    ['a. Số lượng (%)', (s) => fmtPoints(s.a)],
    ['b. Chất lượng (%)', (s) => fmtPoints(s.b)],
    ['c. Tiến độ (%)', (s) => fmtPoints(s.c)],
    ['2. Điểm kết quả thực hiện nhiệm vụ', (s) => fmtPoints(s.task)],
    ['3. Tổng điểm', (s) => fmtPoints(s.total)],
    ['Mức xếp loại', (s) => ratingLabel(s.band)],
  ];
  const showSelf = !['open', 'tasks_registered', 'products_submitted'].includes(period.stage);
  return h('section', {class: 'card', 'aria-labelledby': 'res-h'},
    h('h2', {id: 'res-h'}, 'Kết quả chấm điểm'),
    showSelf || manager ? h('div', {class: 'table-wrap'}, h('table', {class: 'table'},
      h('caption', {}, 'Tổng hợp kết quả theo dõi, đánh giá'),
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Mục'),
        h('th', {scope: 'col', class: 'num'}, 'Cá nhân tự chấm'),
        h('th', {scope: 'col', class: 'num'}, 'Cấp có thẩm quyền chấm'))),
      h('tbody', {}, rows.map(([label, get]) => h('tr', {},
        h('th', {scope: 'row'}, label),
        h('td', {class: 'num'}, showSelf && self ? get(self) : ''),
        h('td', {class: 'num'}, manager ? get(manager) : '—')))))) : h('p', {class: 'empty'}, 'Chưa có điểm: kỳ đánh giá chưa đến bước tự chấm điểm.'),
    period.record.manager_comment ? facts([['Nhận xét của cấp có thẩm quyền', period.record.manager_comment]]) : null,
    period.record.strengths || period.record.shortcomings ? facts([
      ['Ưu điểm', period.record.strengths], ['Hạn chế, khuyết điểm', period.record.shortcomings]]) : null);
}

function timeline(items) {
  return h('section', {'aria-labelledby': 'ptl-h'},
    h('h2', {id: 'ptl-h'}, 'Nhật ký kỳ đánh giá'),
    h('ol', {class: 'timeline'}, items.map((e) => h('li', {},
      h('time', {datetime: e.occurred_at}, fmtDateTime(e.occurred_at)),
      h('p', {class: 'tl-title'}, periodActionLabel(e.action)),
      h('p', {}, `${e.actor_name || e.actor_system || 'hệ thống'}${e.to_stage ? ` → ${periodStageLabel(e.to_stage)}` : ''}`)))));
}

// ---------- the team: one screen for the manager and the head ----------

async function teamPage(key) {
  const me = session.get().person;
  const flash = takeFlash();
  const all = (await getAll('/periods')).filter((p) => p.person.id !== me.id);
  const keys = [...new Map(all.map((p) => [p.period, p.label])).entries()].sort((a, b) => b[0].localeCompare(a[0]));
  const heading = h('h1', {}, 'Chấm điểm theo kỳ');
  if (!keys.length) {
    return h('section', {}, heading, flash ? notice(flash.text, flash.kind) : null,
      h('p', {class: 'empty'}, 'Chưa có kỳ theo dõi, đánh giá nào của công chức thuộc quyền.'));
  }
  const chosen = key && keys.some(([k]) => k === key) ? key : keys[0][0];
  const list = all.filter((p) => p.period === chosen);
  const details = await mapLimited(list, 4, (p) => api.get(`/periods/${p.id}`));
  details.sort((a, b) => a.unit_id - b.unit_id || a.person.full_name.localeCompare(b.person.full_name, 'vi'));
  const select = h('select', {}, keys.map(([k, label]) => h('option', {value: k, selected: k === chosen}, label)));
  select.addEventListener('change', () => go(`/cham-diem-ky/${select.value}`));
  const waiting = details.filter((p) => (p.allowed_actions || []).some((a) => ['score', 'approve', 'lock'].includes(a))).length;
  return h('section', {class: 'team'},
    heading,
    flash ? notice(flash.text, flash.kind) : null,
    h('div', {class: 'filters'}, field('Kỳ theo dõi, đánh giá', select)),
    h('p', {class: 'lead'}, `${details.length} công chức trong kỳ; ${waiting} kỳ đang chờ bạn chấm điểm, phê duyệt hoặc khóa.`),
    periodsOverview(details),
    details.map((p) => personCard(p, chosen)));
}

function periodsOverview(details) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'table'},
    h('caption', {}, 'Tình hình chấm điểm của kỳ'),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Họ và tên'),
      h('th', {scope: 'col'}, 'Giai đoạn'),
      h('th', {scope: 'col', class: 'num'}, 'Tự chấm'),
      h('th', {scope: 'col', class: 'num'}, 'Điểm chấm'),
      h('th', {scope: 'col'}, 'Xếp loại'))),
    h('tbody', {}, details.map((p) => h('tr', {},
      h('th', {scope: 'row'}, h('a', {href: `#/ky-danh-gia/${p.id}`}, p.person.full_name)),
      h('td', {}, periodStageLabel(p.stage, p.stage_label)),
      h('td', {class: 'num'}, ['open', 'tasks_registered', 'products_submitted'].includes(p.stage) ? '' : fmtPoints(p.scores?.self?.total)),
      h('td', {class: 'num'}, fmtPoints(p.scores?.manager?.total)),
      h('td', {}, p.scores?.manager ? ratingLabel(p.scores.manager.band) : ''))))));
}

const WAITING = {
  open: 'Chờ công chức đăng ký nhiệm vụ.',
  tasks_registered: 'Chờ công chức báo cáo sản phẩm.',
  products_submitted: 'Chờ công chức tự chấm điểm.',
  self_scored: 'Chờ cấp có thẩm quyền chấm điểm.',
  manager_scored: 'Chờ người đứng đầu phê duyệt.',
  approved: 'Chờ người đứng đầu khóa kết quả.',
  locked: 'Đã khóa kết quả.',
};

function personCard(p, key) {
  const allowed = p.allowed_actions || [];
  const headingId = uid('person');
  const back = `/cham-diem-ky/${key}`;
  const parts = [];
  if (allowed.includes('score')) parts.push(scoreForm(p, back, headingId));
  for (const action of ['approve', 'lock']) {
    if (!allowed.includes(action)) continue;
    const button = h('button', {type: 'submit', class: 'btn btn-primary'}, `${periodActionLabel(action)}: ${p.person.full_name}`);
    const st = h('div', {class: 'form-status', 'aria-live': 'polite'});
    const form = h('form', {class: 'stack', 'aria-label': `${periodActionLabel(action)} của ${p.person.full_name}`},
      h('p', {}, action === 'approve'
        ? 'Phê duyệt kết quả do cấp có thẩm quyền chấm.'
        : 'Khóa kết quả: sau khi khóa, chỉ mở lại được bằng quyết định có ghi lý do.'),
      h('div', {class: 'actions'}, button), st);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      runPeriodAction(p, action, {}, button, st, {after: back});
    });
    parts.push(form);
  }
  const manager = p.scores?.manager;
  return h('section', {class: 'card person-card', 'aria-labelledby': headingId},
    h('h2', {id: headingId}, p.person.full_name),
    h('p', {class: 'muted'}, [p.person.position, periodStageLabel(p.stage, p.stage_label)].filter(Boolean).join(' — ')),
    manager ? h('p', {}, `Điểm do cấp có thẩm quyền chấm: `, h('strong', {}, fmtPoints(manager.total)), ' — ', bandBadge(manager.band), ' ', ratingLabel(manager.band)) : null,
    parts.length ? parts : h('p', {class: 'empty'}, WAITING[p.stage] || ''),
    h('p', {}, h('a', {href: `#/ky-danh-gia/${p.id}`}, `Xem nhiệm vụ, minh chứng của ${p.person.full_name}`)));
}

// The manager's score of one person: the criteria (the self-score beside them), a reason for
// every withheld point, a comment; Enter in any field sends it.
function scoreForm(p, back, headingId) {
  const start = Object.keys(p.record.manager_scores || {}).length ? p.record.manager_scores : p.record.self_scores;
  const grid = criteriaTable(p.criteria, start, {prefix: `m${p.id}`, other: p.record.self_scores, otherTitle: 'Tự chấm',
    caption: `Chấm điểm tiêu chí chung: ${p.person.full_name}`});
  const comment = textInput(p.record.manager_comment, {'data-field': 'comment'});
  const live = h('div', {class: 'live-totals', 'aria-live': 'polite'});
  const st = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, `Lưu điểm chấm: ${p.person.full_name}`);
  const form = h('form', {class: 'stack', novalidate: true, 'aria-labelledby': headingId},
    grid.table,
    field(`Nhận xét của cấp có thẩm quyền: ${p.person.full_name}`, comment, {required: true}),
    live,
    h('div', {class: 'actions'}, submit),
    st);
  const collect = () => ({scores: grid.collect(), comment: comment.value});
  const check = liveCheck(p.id, 'score', collect,
    (res) => replace(live, totalsView(res.score, {caption: 'Điểm theo phiếu đang chấm (máy chủ tính)'})),
    (e) => replace(live, problemBox(e, {title: 'Chưa tính được điểm'})));
  form.addEventListener('input', check.later);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runPeriodAction(p, 'score', collect(), submit, st, {form, after: back});
  });
  check.run();
  return form;
}

// ---------- the year ----------

async function yearPage(personId, year) {
  const data = await api.get(`/people/${personId}/years/${year}`);
  const me = session.get().person;
  const periods = [...data.periods].sort((a, b) => a.period.localeCompare(b.period));
  const r = data.result;
  return h('section', {class: 'year'},
    h('p', {class: 'crumbs'}, Number(personId) === me.id
      ? h('a', {href: '#/ky-danh-gia'}, 'Đánh giá theo kỳ')
      : h('a', {href: '#/cham-diem-ky'}, 'Chấm điểm theo kỳ'), ` › Năm ${year}`),
    h('h1', {}, `Kết quả theo kỳ năm ${year}: ${data.person.full_name}`),
    data.regime ? h('p', {class: 'muted'}, data.regime.title) : h('p', {class: 'empty'}, 'Năm này không đánh giá theo kỳ.'),
    r ? h('section', {class: 'card', 'aria-labelledby': 'ymean-h'},
      h('h2', {id: 'ymean-h'}, 'Điểm bình quân năm'),
      facts([
        ['Điểm bình quân các kỳ', r.score ? fmtPoints(r.score) : 'Chưa có'],
        ['Số kỳ được tính', String(r.periods_counted ?? 0)],
        ['Mức xếp loại theo điểm', r.by_score ? ratingLabel(r.by_score) : ''],
        ['Mức xếp loại', r.rating ? ratingLabel(r.rating) : 'Chưa xếp loại'],
      ]),
      r.not_ready?.length ? h('div', {class: 'alert alert-warn', role: 'note'},
        h('p', {class: 'alert-title'}, 'Chưa đủ điều kiện xếp loại năm'),
        h('ul', {}, r.not_ready.map((n) => h('li', {}, n.detail)))) : null,
      r.grounds?.length ? h('ul', {}, r.grounds.map((g) => h('li', {}, `${g.text} (${g.reference})`))) : null,
      r.notes?.length ? h('ul', {class: 'muted'}, r.notes.map((n) => h('li', {}, n))) : null) : null,
    periods.length ? [trendChart(periods, year), periodsTable(periods, `Điểm các kỳ năm ${year}`)]
      : h('p', {class: 'empty'}, 'Chưa có kỳ nào trong năm.'));
}

/** The totals of the periods as a line over 0–100, with the band limits 50, 70 and 90. */
function trendChart(periods, year) {
  const scored = periods.filter((p) => p.total !== null && p.total !== undefined);
  const ns = 'http://www.w3.org/2000/svg';
  const W = 640;
  const H = 260;
  const left = 44;
  const right = 16;
  const top = 16;
  const bottom = 40;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'chart trend');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', scored.length
    ? `Diễn biến tổng điểm các kỳ năm ${year}: ${scored.map((p) => `${p.label} ${fmtPoints(p.total)} điểm`).join(', ')}`
    : `Chưa có kỳ nào năm ${year} được chấm điểm`);
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  };
  const y = (v) => top + (H - top - bottom) * (1 - v / 100);
  const n = Math.max(periods.length, 1);
  const x = (i) => left + ((W - left - right) * (i + 0.5)) / n;
  for (const [v, label] of [[0, '0'], [50, '50 (HT)'], [70, '70 (HTT)'], [90, '90 (HTXS)'], [100, '100']]) {
    el('line', {x1: left, x2: W - right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'band-line'});
    el('text', {x: left - 6, y: y(v) + 5, 'text-anchor': 'end', class: 'tick'}, label.split(' ')[0]);
  }
  periods.forEach((p, i) => {
    el('text', {x: x(i), y: H - bottom + 22, 'text-anchor': 'middle', class: 'tick'}, /^\d{4}-\d{2}$/.test(p.period)
      ? `T${Number(p.period.slice(5))}` : p.period.slice(5));
  });
  const pts = periods.map((p, i) => (p.total === null || p.total === undefined ? null : [x(i), y(Number(p.total)), p]))
    .filter(Boolean);
  if (pts.length > 1) el('polyline', {points: pts.map(([a, b]) => `${a},${b}`).join(' '), class: 'trend-line'});
  for (const [a, b, p] of pts) {
    el('circle', {cx: a, cy: b, r: 5, class: 'trend-dot'});
    el('text', {x: a, y: b - 10, 'text-anchor': 'middle', class: 'value'}, fmtPoints(p.total));
  }
  return h('figure', {class: 'figure'},
    h('figcaption', {}, 'Tổng điểm các kỳ (thang 100 điểm); các đường ngang là ngưỡng 50, 70 và 90 điểm'),
    svg);
}
