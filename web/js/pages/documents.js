// The documents of a review: each rendered PDF with its number, version and
// pages, opened or downloaded with the person's token, and the render progress while the
// server's workers are still producing them (polled until done). Signatures:
// a signer signs with the PIN of their server-held key, and anyone who sees the document can
// ask for the verification of its signatures (shown at once for signed versions).
import {api, download, openFile, session} from '../api.js';
import {h, field, replace} from '../dom.js';
import {fmtDateTime} from '../format.js';
import {problemBox, notice, busy, loading, badge} from '../ui.js';

// Documents that carry signatures, and the roles that may be asked to sign (the server
// decides who signs what, in which order; this only avoids offering it to everyone).
const SIGNED_KINDS = ['self_assessment_form', 'meeting_minutes', 'opinion_form', 'decision', 'final_form', 'result_notice', 'public_list'];
const SIGNING_ROLES = ['secretary', 'chair', 'head', 'committee'];
const VERDICT = {valid: ['Hợp lệ', 'ok'], invalid: ['Không hợp lệ', 'bad'], indeterminate: ['Chưa xác định', 'warn']};

function verificationView(v) {
  if (v.error) return notice(v.message_vi || `Không đọc được tệp: ${v.error}.`, 'error');
  if (!v.signatures?.length) return h('p', {class: 'muted'}, 'Văn bản chưa có chữ ký số.');
  return h('div', {class: 'verification'},
    h('p', {}, v.ok ? badge('Mọi chữ ký hợp lệ', 'ok') : badge('Có chữ ký chưa hợp lệ', 'bad')),
    h('ul', {}, v.signatures.map((sig) => {
      const [label, kind] = VERDICT[sig.verdict] || [sig.verdict, 'warn'];
      return h('li', {},
        h('strong', {}, sig.signer || 'Người ký không rõ'), ' ', badge(label, kind),
        sig.signing_time ? h('span', {class: 'muted'}, ` — ký lúc ${fmtDateTime(sig.signing_time)}`) : null,
        sig.summary_vi ? h('p', {class: 'muted'}, sig.summary_vi) : null);
    })));
}

function signatureTools(d, reload, newest) {
  const verifyOut = h('div', {'aria-live': 'polite'});
  const verifyBtn = h('button', {type: 'button', class: 'btn'}, 'Xác minh chữ ký');
  const verify = async () => {
    try {
      replace(verifyOut, verificationView(await busy(verifyBtn, null, 'Đang xác minh…', () => api.get(`/documents/${d.id}/verification`))));
    } catch (e) {
      replace(verifyOut, problemBox(e));
    }
  };
  verifyBtn.addEventListener('click', verify);
  const signable = SIGNED_KINDS.includes(d.kind);
  if (signable && d.version > 1) verify(); // a signed version: show its verification at once

  const roles = (session.get()?.person.roles || []).map((r) => r.role);
  let signForm = null;
  // Signatures go on the newest version only, until it carries every one its kind needs.
  // The self-assessment form is signed by the person it is about (the server checks who).
  const mayTry = d.kind === 'self_assessment_form' || roles.some((r) => SIGNING_ROLES.includes(r));
  if (signable && newest && !d.signatures?.complete && mayTry) {
    signForm = pinSignForm(d.id, reload);
  }
  return [h('div', {class: 'actions'}, verifyBtn), verifyOut, signForm];
}

/**
 * "Ký số văn bản này": the PIN of the person's server-held key (never kept), then the
 * signature; `onSigned` runs once the server has made the signed version.
 */
export function pinSignForm(documentId, onSigned, {summary = 'Ký số văn bản này'} = {}) {
  const pin = h('input', {type: 'password', autocomplete: 'off', inputmode: 'numeric', name: 'pin'});
  const signBtn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Ký số');
  const out = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const signForm = h('details', {class: 'secondary-action'}, h('summary', {}, summary),
    h('form', {class: 'stack', novalidate: true},
      field('Mã PIN ký số', pin, {required: true, hint: 'Mã PIN mở khóa khóa ký của bạn trên máy chủ; không được lưu lại.'}),
      h('div', {class: 'actions'}, signBtn), out));
  signForm.querySelector('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await busy(signBtn, out, 'Đang ký số…', () => api.post(`/documents/${documentId}/signatures`, {pin: pin.value}));
      pin.value = '';
      replace(out, notice('Đã ký số văn bản.'));
      onSigned();
    } catch (e) {
      pin.value = '';
      replace(out, problemBox(e, {title: 'Không ký được'}));
    }
  });
  return signForm;
}

const SIGNER_ROLE = {secretary: 'Thư ký', chair: 'Chủ trì', head: 'Người đứng đầu', committee: 'Cấp có thẩm quyền'};

/**
 * Where the signatures of this version stand (the API's count against the roles the kind
 * needs, in order) and whose turn it is: "Chữ ký số: 1/2 chữ ký — chờ Chủ trì (Võ Thị Kim Oanh) ký."
 */
/** The person whose signature the document waits for, when the review names them (minutes). */
function nextSignerId(d, review) {
  const s = d.signatures;
  if (!s || !s.required || s.complete) return null;
  return s.next_role === 'chair' ? review.meeting?.chair_id : s.next_role === 'secretary' ? review.meeting?.secretary_id : null;
}

function signatureStatus(d, review, nameOf) {
  const s = d.signatures;
  if (!s || !s.required) return null;
  if (s.complete) return h('p', {class: 'sig-status'}, badge(`Chữ ký số: ${s.summary_vi}`, 'ok'), ' Đã đủ chữ ký.');
  const who = nextSignerId(d, review);
  const name = who && nameOf ? nameOf(who) : '';
  const role = SIGNER_ROLE[s.next_role] || s.next_role;
  return h('p', {class: 'sig-status'}, badge(`Chữ ký số: ${s.summary_vi}`, 'warn'),
    s.next_role ? ` Chờ ${role}${name ? ` (${name})` : ''} ký.` : '');
}

const DOC_KIND = {
  self_assessment_form: 'Phiếu tự đánh giá',
  meeting_minutes: 'Biên bản họp',
  opinion_form: 'Phiếu có ý kiến người đứng đầu',
  decision: 'Quyết định xếp loại',
  final_form: 'Phiếu đánh giá, xếp loại',
  result_notice: 'Thông báo kết quả',
  public_list: 'Danh sách công khai',
};

export function documentsSection({review, nameOf}) {
  const body = h('div', {'aria-live': 'polite'}, loading('Đang tải văn bản…'));
  const section = h('section', {class: 'card documents', 'aria-labelledby': 'doc-h'},
    h('h2', {id: 'doc-h'}, 'Văn bản của hồ sơ'), body);
  let timer = null;
  async function load() {
    if (!section.isConnected && timer !== null) return; // the page changed
    try {
      const res = await api.get(`/reviews/${review.id}/documents`);
      replace(body, list(res));
      const state = res.render_status?.state;
      if (state === 'queued' || state === 'rendering') timer = setTimeout(load, 1500);
    } catch (e) {
      replace(body, problemBox(e));
    }
  }
  function list(res) {
    const st = res.render_status || {};
    const status = st.state === 'queued' || st.state === 'rendering'
      ? h('div', {class: 'progress-line', role: 'status'}, h('progress', {'aria-label': 'Đang tạo văn bản'}),
        h('span', {}, `Đang tạo văn bản (${st.pending_jobs || 1} việc đang chờ)…`))
      : st.state === 'failed' ? notice(`Không tạo được văn bản: ${st.reason || 'lỗi không rõ'}.`, 'error') : null;
    // Each signature adds a version: only the newest of a kind says whose turn it is (the
    // latest made, as the workflow counts it: a decision after a complaint starts again at
    // version 1 while the first decision's signed version 2 stays listed).
    const newestId = new Map();
    for (const d of res.items) newestId.set(d.kind, Math.max(newestId.get(d.kind) || 0, d.id));
    const isNewest = (d) => d.id === newestId.get(d.kind);
    const rows = res.items.map((d) => {
      const open = h('button', {type: 'button', class: 'btn'}, 'Mở');
      const save = h('button', {type: 'button', class: 'btn'}, 'Tải về');
      const out = h('span', {class: 'form-status', 'aria-live': 'polite'});
      open.addEventListener('click', () => openFile(`/documents/${d.id}/pdf`).catch((e) => replace(out, problemBox(e))));
      save.addEventListener('click', () => busy(save, null, 'Đang tải…', () => download(`/documents/${d.id}/pdf`, `van-ban-${d.id}.pdf`))
        .catch((e) => replace(out, problemBox(e))));
      return h('li', {class: 'doc'},
        h('p', {class: 'tl-title'}, d.title || DOC_KIND[d.kind] || d.kind, d.number ? ` — ${d.number}` : ''),
        h('p', {class: 'muted'}, `${DOC_KIND[d.kind] || d.kind}, phiên bản ${d.version}, ${d.page_count} trang, tạo lúc ${fmtDateTime(d.created_at)}`),
        isNewest(d) ? signatureStatus(d, review, nameOf) : null,
        h('div', {class: 'actions'}, open, save), out,
        signatureTools(d, load, isNewest(d)));
    });
    // What waits for this person's signature, said first.
    const me = session.get()?.person.id;
    const awaiting = res.items.filter((d) => isNewest(d) && me && nextSignerId(d, review) === me);
    const yourTurn = awaiting.length
      ? h('div', {class: 'alert alert-warn', role: 'status'}, `Đang chờ bạn ký số: ${awaiting.map((d) => d.title || DOC_KIND[d.kind]).join('; ')}.`)
      : null;
    return [status, yourTurn, rows.length ? h('ul', {class: 'plain docs'}, rows)
      : !status ? h('p', {class: 'empty'}, 'Chưa có văn bản nào.') : null];
  }
  load();
  return section;
}
