// Quyết định xếp loại theo lô: the unit's list with the proposed ratings, the HTXS
// quota as the server computes it for the ratings chosen (live, before committing),
// a refusal with its numbers, the audited exception, then the committee's signature on the
// decisions (publication waits for it) and publication.
import {api, getAll, mapLimited, ApiError} from '../api.js';
import {h, field, replace, debounce} from '../dom.js';
import {ratingLabel, RATINGS, stageLabel} from '../format.js';
import {problemBox, notice, busy, quotaTable, badge} from '../ui.js';
import {go, setFlash, takeFlash} from '../nav.js';
import {pinSignForm} from './documents.js';

export async function decidePage(id) {
  const campaign = await api.get(`/campaigns/${id}`);
  const flash = takeFlash();
  if (!campaign.can_manage) {
    return h('section', {}, h('h1', {}, 'Quyết định xếp loại'),
      notice('Chỉ hội đồng đánh giá hoặc quản trị viên của đơn vị mới quyết định xếp loại.', 'warn'));
  }
  const [pending, decided] = await Promise.all([
    getAll(`/campaigns/${id}/reviews?stage=committee_decision`),
    getAll(`/campaigns/${id}/reviews?stage=decided`),
  ]);
  // What each decision takes by default is on each review (`decision_rating`, the workflow's).
  const full = await mapLimited(pending, 6, (r) => api.get(`/reviews/${r.id}`));
  const decisions = await decisionDocuments(decided);

  const rows = full.map((r) => {
    const proposed = r.decision_rating || '';
    const include = h('input', {type: 'checkbox', checked: true, 'aria-label': `Chọn hồ sơ của ${r.person.full_name}`});
    const select = h('select', {'aria-label': `Mức quyết định cho ${r.person.full_name}`},
      RATINGS.map(([code, label]) => h('option', {value: code, selected: code === proposed}, label)));
    return {review: r, proposed, include, select};
  });
  const chosen = () => rows.filter((x) => x.include.checked).map((x) => ({review_id: x.review.id, rating: x.select.value}));

  const quotaPanel = h('div', {class: 'quota-panel', 'aria-live': 'polite'});
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  let previewSeq = 0;
  let lastPreview = null;
  async function preview() {
    const mine = ++previewSeq;
    quotaPanel.setAttribute('aria-busy', 'true');
    try {
      const res = await api.post(`/campaigns/${id}/decide/preview`, {items: chosen()});
      if (mine !== previewSeq) return;
      lastPreview = res;
      const perReview = res.errors.filter((e) => e.review_id);
      replace(quotaPanel,
        res.quota.length ? quotaTable(res.quota, {percent: res.quota_percent, caption: 'Hạn mức HTXS nếu quyết định như trên (tính cả các hồ sơ đã quyết định)'}) : h('p', {class: 'muted'}, 'Chưa có mức xếp loại nào tính vào hạn mức.'),
        res.quota_ok ? notice('Trong hạn mức Hoàn thành xuất sắc nhiệm vụ.', 'ok')
          : h('div', {class: 'alert alert-warn'}, h('p', {class: 'alert-title'}, 'Vượt hạn mức:'),
            h('ul', {}, res.errors.filter((e) => !e.review_id).map((e) => h('li', {}, e.detail)))),
        perReview.length ? h('div', {class: 'alert alert-warn'}, h('p', {class: 'alert-title'}, 'Hồ sơ chưa thể quyết định:'),
          h('ul', {}, perReview.map((e) => h('li', {}, `${nameOf(e.review_id)}: ${e.detail}`)))) : null);
      overrideBox.hidden = res.quota_ok || !res.override_allowed;
    } catch (e) {
      if (mine === previewSeq) replace(quotaPanel, problemBox(e));
    } finally {
      if (mine === previewSeq) quotaPanel.removeAttribute('aria-busy');
    }
  }
  const nameOf = (rid) => rows.find((x) => x.review.id === rid)?.review.person.full_name || `hồ sơ ${rid}`;
  const later = debounce(preview, 250);
  for (const x of rows) {
    x.include.addEventListener('change', later);
    x.select.addEventListener('change', later);
  }

  const overrideCheck = h('input', {type: 'checkbox', name: 'quota_override'});
  const overrideReason = h('textarea', {rows: 2, name: 'override_reason'});
  const overrideBox = h('fieldset', {class: 'override', hidden: true},
    h('legend', {}, 'Ngoại lệ hạn mức (đơn vị có thành tích nổi bật)'),
    h('div', {class: 'field check'}, h('label', {}, overrideCheck, ' Đề nghị vượt hạn mức, có ghi lý do (được lưu vào nhật ký)')),
    field('Lý do vượt hạn mức', overrideReason));

  const decideBtn = h('button', {type: 'button', class: 'btn btn-primary'}, 'Quyết định xếp loại các hồ sơ đã chọn');
  decideBtn.addEventListener('click', async () => {
    const items = chosen();
    if (!items.length) {
      replace(status, notice('Chưa chọn hồ sơ nào.', 'warn'));
      return;
    }
    const body = {items};
    if (overrideCheck.checked) {
      body.quota_override = true;
      body.override_reason = overrideReason.value;
    }
    try {
      const res = await busy(decideBtn, status, `Đang ghi quyết định cho ${items.length} hồ sơ…`, () =>
        api.post(`/campaigns/${id}/decide`, body, {idempotent: true}));
      setFlash(`Đã quyết định xếp loại ${res.decided.length} hồ sơ.`);
      go(`/dot/${id}/quyet-dinh`);
    } catch (e) {
      replace(status, problemBox(e, {title: e instanceof ApiError && e.problem.code === 'quota_exceeded' ? 'Không thể quyết định: vượt hạn mức' : undefined}));
      status.querySelector('[role=alert]')?.focus?.();
      preview();
    }
  });

  const publishRows = decided.map((r) => ({review: r, include: h('input', {type: 'checkbox', checked: true, 'aria-label': `Công bố hồ sơ của ${r.person.full_name}`})}));
  const publishStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const publishBtn = h('button', {type: 'button', class: 'btn btn-primary'}, 'Công bố kết quả các hồ sơ đã chọn');
  publishBtn.addEventListener('click', async () => {
    const ids = publishRows.filter((x) => x.include.checked).map((x) => x.review.id);
    if (!ids.length) {
      replace(publishStatus, notice('Chưa chọn hồ sơ nào.', 'warn'));
      return;
    }
    try {
      const res = await busy(publishBtn, publishStatus, `Đang công bố ${ids.length} hồ sơ…`, () =>
        api.post(`/campaigns/${id}/publish`, {review_ids: ids}, {idempotent: true}));
      setFlash(`Đã công bố kết quả ${res.published.length} hồ sơ.`);
      go(`/dot/${id}/quyet-dinh`);
    } catch (e) {
      replace(publishStatus, problemBox(e));
    }
  });

  if (rows.length) preview();
  else replace(quotaPanel);

  return h('section', {},
    h('p', {class: 'crumbs'}, h('a', {href: '#/viec-cua-toi'}, 'Việc của tôi'), ' › ', h('a', {href: `#/dot/${id}`}, campaign.name)),
    h('h1', {}, 'Quyết định xếp loại'),
    flash ? notice(flash.text, flash.kind) : null,
    h('h2', {}, `Chờ quyết định (${rows.length})`),
    rows.length ? [
      h('div', {class: 'table-wrap'}, h('table', {class: 'table decide'},
        h('caption', {}, 'Danh sách đề nghị của các đơn vị'),
        h('thead', {}, h('tr', {}, ['Chọn', 'Họ và tên', 'Đơn vị', 'Đề nghị', 'Mức quyết định'].map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, rows.map((x) => h('tr', {},
          h('td', {'data-label': 'Chọn'}, x.include),
          h('th', {scope: 'row'}, h('a', {href: `#/ho-so/${x.review.id}`}, x.review.person.full_name)),
          h('td', {'data-label': 'Đơn vị'}, x.review.unit.name),
          h('td', {'data-label': 'Đề nghị'}, ratingLabel(x.proposed) || '—'),
          h('td', {'data-label': 'Mức quyết định'}, x.select)))))),
      h('section', {class: 'card', 'aria-labelledby': 'quota-h'}, h('h3', {id: 'quota-h'}, 'Hạn mức trước khi ghi'), quotaPanel),
      overrideBox,
      h('div', {class: 'actions'}, decideBtn),
      status,
    ] : h('p', {class: 'empty'}, 'Không có hồ sơ nào đang chờ quyết định.'),
    h('h2', {}, `Đã quyết định, chờ công bố (${decided.length})`),
    decided.length ? [
      h('ul', {class: 'plain checklist'}, publishRows.map((x) => h('li', {},
        h('label', {}, x.include, ` ${x.review.person.full_name} — ${x.review.unit.name}: `, h('strong', {}, ratingLabel(x.review.rating)))))),
      decisionSigning(decisions, id),
      h('div', {class: 'actions'}, publishBtn),
      publishStatus,
    ] : h('p', {class: 'empty'}, 'Không có hồ sơ nào chờ công bố.'),
    h('p', {class: 'muted'}, `Giai đoạn sau công bố: ${stageLabel('published')}. Người được đánh giá có thể kiến nghị trong thời hạn quy định.`));
}

/**
 * The newest decision of each decided review (one document for a whole batch), with the names
 * it covers; `missing`: reviews whose decision the workers have not rendered yet.
 */
async function decisionDocuments(decided) {
  const lists = await mapLimited(decided, 6, (r) => api.get(`/reviews/${r.id}/documents`).catch(() => ({items: []})));
  const byId = new Map();
  let missing = 0;
  lists.forEach((res, i) => {
    const latest = res.items.filter((d) => d.kind === 'decision').sort((a, b) => b.id - a.id)[0];
    if (!latest) {
      missing += 1;
      return;
    }
    if (!byId.has(latest.id)) byId.set(latest.id, {doc: latest, names: []});
    byId.get(latest.id).names.push(decided[i].person.full_name);
  });
  return {docs: [...byId.values()], missing};
}

/** The decisions to sign before publication (the workflow refuses to publish an unsigned one). */
function decisionSigning({docs, missing}, campaignId) {
  if (!docs.length && !missing) return null;
  const signed = () => {
    setFlash('Đã ký số quyết định xếp loại.');
    go(`/dot/${campaignId}/quyet-dinh`);
  };
  return h('section', {class: 'card decisions', 'aria-labelledby': 'sign-h'},
    h('h3', {id: 'sign-h'}, 'Ký số quyết định trước khi công bố'),
    docs.length ? h('ul', {class: 'plain docs'}, docs.map(({doc, names}) => h('li', {class: 'doc'},
      h('p', {class: 'tl-title'}, doc.title || 'Quyết định xếp loại', doc.number ? ` — ${doc.number}` : ''),
      h('p', {class: 'muted'}, `Hồ sơ: ${names.join(', ')}`),
      doc.signatures?.complete
        ? h('p', {class: 'sig-status'}, badge(`Chữ ký số: ${doc.signatures.summary_vi}`, 'ok'), ' Đã ký số.')
        : [h('p', {class: 'sig-status'}, badge(`Chữ ký số: ${doc.signatures?.summary_vi || 'chưa có'}`, 'warn'),
          ' Chờ cấp có thẩm quyền ký số.'),
        pinSignForm(doc.id, signed, {summary: 'Ký số quyết định này'})]))) : null,
    missing ? h('p', {class: 'muted'}, `Văn bản quyết định của ${missing} hồ sơ đang được tạo; tải lại trang sau ít phút để ký số.`) : null);
}
