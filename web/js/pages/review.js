// Hồ sơ đánh giá: the stage, what the caller may do now (allowed_actions from the
// API, each with its form), the content of every stage and the timeline. Live
// checks ask the workflow itself (POST /reviews/{id}/checks/{action}).
import {api, getAll, session, request, ApiError} from '../api.js';
import {h, field, replace, debounce, setFieldError, uid} from '../dom.js';
import {fmtDate, fmtDateTime, parseDate, todayIso, STAGES, stageLabel, actionLabel, ratingLabel, groupLabel} from '../format.js';
import {problemBox, notice, busy, facts, badge} from '../ui.js';
import {go, setFlash, takeFlash} from '../nav.js';
import {documentsSection} from './documents.js';

// ---------- meeting drafts (kept in this browser only, cleared on logout and on submit) ----------
// (The reviewee's self-assessment draft is kept on the server: GET/PUT /reviews/{id}/draft.)

function draftKey(reviewId, action) {
  return `kiemdiem.draft.${session.get().person.id}.${reviewId}.${action}`;
}
function loadDraft(reviewId, action) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(reviewId, action)) || 'null');
  } catch {
    return null;
  }
}
function saveDraft(reviewId, action, body) {
  localStorage.setItem(draftKey(reviewId, action), JSON.stringify({saved_at: new Date().toISOString(), body}));
}
function dropDraft(reviewId, action) {
  localStorage.removeItem(draftKey(reviewId, action));
}

// ---------- shared helpers ----------

function ratingSelect(ratings, value, {allowEmpty = true, name} = {}) {
  return h('select', {name},
    allowEmpty ? h('option', {value: ''}, '— Chọn mức xếp loại —') : null,
    ratings.map((r) => h('option', {value: r.code, selected: r.code === value}, r.label_vi)));
}

function textarea(value, attrs = {}) {
  const t = h('textarea', {rows: 4, ...attrs});
  t.value = value || '';
  return t;
}

function input(value, attrs = {}) {
  const i = h('input', {type: 'text', ...attrs});
  i.value = value ?? '';
  return i;
}

function intOf(el) {
  const n = Number.parseInt(el.value, 10);
  return Number.isFinite(n) ? n : 0;
}

/** The verdict of a dry run as a short panel. */
function checkPanel(result, okText, skipCodes = []) {
  if (!result) return null;
  if (result.accepted) return notice(okText, 'ok');
  const errors = result.errors.filter((e) => !skipCodes.includes(e.code));
  if (!errors.length) return null;
  return h('div', {class: 'alert alert-warn'},
    h('p', {class: 'alert-title'}, 'Chưa đủ điều kiện:'),
    h('ul', {}, errors.map((e) => h('li', {}, e.detail))));
}

// ---------- the page ----------

export async function reviewPage(id) {
  const me = session.get().person;
  const [review, events, spec] = await Promise.all([
    api.get(`/reviews/${id}`),
    api.get(`/reviews/${id}/events`),
    api.get(`/reviews/${id}/form`),
  ]);
  // The reviewee's draft on the server, while the form is being written.
  const draft = review.person.id === me.id && review.stage === 'self_assessment'
    ? await api.get(`/reviews/${id}/draft`).catch(() => null) : null;
  const flash = takeFlash();

  // People of the reviewee's unit, for names in the meeting and the timeline (scoped list;
  // a reviewee without a role in the unit sees only themself).
  let people = [];
  try {
    const rows = await getAll(`/campaigns/${review.campaign_id}/reviews?unit=${review.unit.id}`);
    people = rows.map((r) => r.person);
  } catch {
    people = [];
  }
  const names = new Map(people.map((p) => [p.id, p.full_name]));
  names.set(review.person.id, review.person.full_name);
  names.set(me.id, me.full_name);
  const nameOf = (pid) => names.get(pid) || (pid ? `cán bộ mã ${pid}` : 'hệ thống');

  const ctx = {review, spec, me, people, nameOf, draft: draft?.form ? draft : null};
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});

  return h('article', {class: 'review'},
    h('p', {class: 'crumbs'}, h('a', {href: '#/viec-cua-toi'}, 'Việc của tôi'), ' › ',
      h('a', {href: `#/dot/${review.campaign.id}`}, review.campaign.name)),
    h('h1', {}, `Hồ sơ đánh giá: ${review.person.full_name}`),
    flash ? notice(flash.text, flash.kind) : null,
    facts([
      ['Chức vụ', review.person.position],
      ['Đơn vị', review.unit.name],
      ['Đối tượng', groupLabel(review.person.group)],
      ['Đợt đánh giá', review.campaign.name],
      ['Biểu mẫu', `${spec.form.title} (${spec.regime})`],
    ]),
    stageStepper(review),
    review.last_return_reason && ['self_assessment', 'collective_review', 'head_opinion'].includes(review.stage)
      ? h('div', {class: 'alert alert-warn', role: 'note'}, h('p', {class: 'alert-title'}, 'Hồ sơ được trả lại'), h('p', {}, review.last_return_reason))
      : null,
    actionsSection(ctx, status),
    status,
    formSection(ctx),
    meetingSection(ctx),
    opinionSection(ctx),
    resultSection(ctx),
    documentsSection(ctx),
    timelineSection(events.items, (e) => e.actor?.full_name || nameOf(e.actor_id)));
}

function stageStepper(review) {
  const order = STAGES.map(([code]) => code);
  const at = order.indexOf(review.stage);
  const main = STAGES.filter(([code]) => code !== 'complaint' || review.stage === 'complaint');
  return h('section', {class: 'stage', 'aria-labelledby': 'stage-h'},
    h('h2', {id: 'stage-h'}, 'Giai đoạn hiện tại: ', h('span', {class: 'stage-now'}, stageLabel(review.stage, review.stage_label_vi))),
    review.stage_due ? h('p', {class: 'due'}, `Hạn của giai đoạn: ${fmtDate(review.stage_due)}`) : null,
    h('ol', {class: 'stepper'}, main.map(([code, label]) => {
      const i = order.indexOf(code);
      const state = code === review.stage ? 'now' : i < at ? 'done' : 'todo';
      return h('li', {class: `step step-${state}`, 'aria-current': state === 'now' ? 'step' : null},
        h('span', {class: 'step-dot', 'aria-hidden': 'true'}),
        h('span', {class: 'step-label'}, label),
        h('span', {class: 'sr-only'}, state === 'done' ? ' (đã qua)' : state === 'now' ? ' (hiện tại)' : ''));
    })));
}

// ---------- actions ----------

function actionsSection(ctx, status) {
  const {review} = ctx;
  const actions = review.allowed_actions || [];
  if (!actions.length) {
    return h('section', {class: 'card', 'aria-labelledby': 'act-h'},
      h('h2', {id: 'act-h'}, 'Việc bạn có thể làm'),
      h('p', {class: 'empty'}, 'Ở giai đoạn này bạn không có thao tác nào trên hồ sơ.'));
  }
  const forms = {
    submit: selfAssessmentForm,
    record_meeting: meetingForm,
    give_opinion: opinionForm,
    decide: decideForm,
    resolve_complaint: resolveForm,
    return: (c, s) => reasonForm(c, s, 'return', 'Lý do trả lại', 'Trả lại hồ sơ',
      'Người phải làm tiếp sẽ thấy lý do này.'),
    complain: (c, s) => reasonForm(c, s, 'complain', 'Nội dung kiến nghị', 'Gửi kiến nghị',
      'Kiến nghị về kết quả xếp loại, gửi trong thời hạn quy định sau khi công bố.'),
    publish: (c, s) => confirmForm(c, s, 'publish', 'Công bố kết quả xếp loại của hồ sơ này.'),
    close: (c, s) => confirmForm(c, s, 'close', 'Kết thúc hồ sơ (không thể hoàn tác).'),
  };
  // The forward action first, "return" last.
  const ordered = [...actions].sort((a, b) => (a === 'return') - (b === 'return'));
  return h('section', {class: 'card actions-card', 'aria-labelledby': 'act-h'},
    h('h2', {id: 'act-h'}, 'Việc bạn có thể làm'),
    ordered.map((a) => {
      const make = forms[a];
      const body = make ? make(ctx, status) : null;
      if (!body) return null;
      // Secondary actions are folded so the main form stays in view.
      return a === 'return' && ordered.length > 1
        ? h('details', {class: 'secondary-action'}, h('summary', {}, actionLabel(a)), body)
        : h('div', {class: 'action-block'}, h('h3', {}, actionLabel(a)), body);
    }));
}

/** POST the action with If-Match and an Idempotency-Key; reload the page on success. */
async function runAction(ctx, action, body, button, statusEl, afterOk) {
  try {
    await busy(button, statusEl, 'Đang gửi…', () => api.post(`/reviews/${ctx.review.id}/actions/${action}`, body,
      {ifMatch: ctx.review.version, idempotent: true}));
    if (afterOk) afterOk();
    setFlash(`Đã thực hiện: ${actionLabel(action)}.`);
    go(`/ho-so/${ctx.review.id}`);
  } catch (e) {
    const stale = e instanceof ApiError && e.problem.code === 'stale_version';
    replace(statusEl, problemBox(e), stale
      ? h('p', {}, h('button', {type: 'button', class: 'btn', onclick: () => go(`/ho-so/${ctx.review.id}`)}, 'Tải lại hồ sơ'))
      : null);
    markFields(e.problem?.errors || []);
    statusEl.querySelector('[role=alert]')?.scrollIntoView({block: 'nearest'});
  }
}

/** Marks the controls named by refusal fields ("sections.a,sections.b") as invalid. */
function markFields(errors) {
  for (const el of document.querySelectorAll('[data-field]')) setFieldError(el, '');
  for (const e of errors) {
    for (const f of String(e.field || '').split(',')) {
      const el = f && document.querySelector(`[data-field="${CSS.escape(f)}"]`);
      if (el) setFieldError(el, 'Mục này chưa đạt yêu cầu.');
    }
  }
}

function liveCheck(ctx, action, collect, panel, okText, skipCodes, onResult) {
  let seq = 0;
  const run = async () => {
    const mine = ++seq;
    try {
      const res = await api.post(`/reviews/${ctx.review.id}/checks/${action}`, collect());
      if (mine !== seq) return;
      replace(panel, checkPanel(res, okText, skipCodes));
      if (onResult) onResult(res);
      return res;
    } catch (e) {
      if (mine === seq) replace(panel, problemBox(e));
      return null;
    }
  };
  return {run, later: debounce(run, 350)};
}

/** The section keys a check's `missing_sections` error names ("sections.a,sections.b"). */
function missingKeys(res) {
  const err = (res?.errors || []).find((e) => e.code === 'missing_sections');
  return err ? err.field.split(',').map((f) => f.replace(/^sections\./, '')) : [];
}

function selfAssessmentForm(ctx, status) {
  const {review, spec, draft} = ctx;
  const start = draft?.form || review.form || {};
  const sections = spec.form.sections.map((s) => {
    const t = textarea(start.sections?.[s.key], {name: `sections.${s.key}`, 'data-field': `sections.${s.key}`, rows: 5});
    return {spec: s, el: t};
  });
  const selfRating = ratingSelect(spec.ratings, start.self_rating, {name: 'self_rating'});
  selfRating.setAttribute('data-field', 'self_rating');
  const strengths = textarea(start.strengths, {name: 'strengths'});
  const weaknesses = textarea(start.weaknesses, {name: 'weaknesses'});
  const collect = () => ({form: {
    sections: Object.fromEntries(sections.map(({spec: s, el}) => [s.key, el.value])),
    self_rating: selfRating.value || null,
    strengths: strengths.value,
    weaknesses: weaknesses.value,
  }});

  const missingPanel = h('div', {class: 'missing', 'aria-live': 'polite', id: uid('missing')});
  // Which required sections are blank is the server's verdict (the check of `submit`, whose
  // missing_sections error names them; at first the form's `missing`): the rule of what counts
  // as blank is not written again here.
  const showMissing = (keys) => {
    const empty = sections.filter(({spec: s}) => keys.includes(s.key));
    replace(missingPanel, empty.length
      ? h('div', {class: 'alert alert-warn'},
        h('p', {class: 'alert-title'}, `Còn thiếu ${empty.length} mục bắt buộc trước khi nộp:`),
        h('ul', {}, empty.map(({spec: s, el}) => h('li', {}, h('a', {href: `#${el.id}`, onclick: (ev) => { ev.preventDefault(); el.focus(); }}, s.title)))))
      : null);
  };
  const checkPanelEl = h('div', {class: 'check', 'aria-live': 'polite'});
  // Blank required sections are listed just above, with links to them.
  const check = liveCheck(ctx, 'submit', collect, checkPanelEl, 'Phiếu đã đủ điều kiện để nộp.', ['missing_sections'],
    (res) => showMissing(missingKeys(res)));
  const draftNote = h('p', {class: 'muted draft-note', 'aria-live': 'polite'},
    draft ? `Đã khôi phục bản nháp lưu lúc ${fmtDateTime(draft.updated_at)}.` : '');
  const draftError = h('div', {'aria-live': 'polite'});

  const form = h('form', {class: 'stack', novalidate: true},
    h('p', {class: 'hint'}, 'Điền các mục của phiếu. Bản nháp được tự động lưu trên máy chủ khi bạn gõ; bạn có thể quay lại sau, từ máy khác.'),
    h('fieldset', {}, h('legend', {}, 'I. Tự đánh giá theo các tiêu chí'),
      sections.map(({spec: s, el}) => field(s.title, el, {required: s.required}))),
    h('fieldset', {}, h('legend', {}, 'II. Ưu điểm, hạn chế'),
      field('Ưu điểm', strengths),
      field('Hạn chế, khuyết điểm', weaknesses)),
    field('Tự xếp loại', selfRating, {
      hint: spec.rating_bounds.reasons_vi.length ? spec.rating_bounds.reasons_vi.join(' ') : null,
    }),
    missingPanel,
    checkPanelEl);

  // Saving: debounced while typing, at once on "Lưu nháp"; one save at a time, the latest
  // text last (a save started while another runs waits for it, then sends what is current).
  let timer = null;
  let saving = null;
  let submitted = false;
  const save = async (how) => {
    clearTimeout(timer);
    timer = null;
    if (saving) await saving.catch(() => {});
    if (submitted) return;
    saving = api.put(`/reviews/${review.id}/draft`, collect());
    try {
      const saved = await saving;
      replace(draftError);
      draftNote.textContent = `${how === 'auto' ? 'Đã tự động lưu nháp' : 'Đã lưu nháp'} lúc ${fmtDateTime(saved.updated_at)}.`;
    } catch (e) {
      replace(draftError, problemBox(e, {title: 'Chưa lưu được bản nháp'}));
    } finally {
      saving = null;
    }
  };
  const saveBtn = h('button', {type: 'button', class: 'btn'}, 'Lưu nháp');
  const previewBtn = h('button', {type: 'button', class: 'btn'}, 'Xem trước PDF');
  const previewStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const submitBtn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Nộp bản tự đánh giá');
  saveBtn.addEventListener('click', () => busy(saveBtn, null, 'Đang lưu…', () => save('button')));
  // The preview opens in a new tab (opened at the click, so no popup blocker stops it) and stays
  // reachable from a link until the next preview replaces it.
  let previewUrl = null;
  previewBtn.addEventListener('click', async () => {
    const win = window.open('', '_blank');
    try {
      const response = await busy(previewBtn, previewStatus, 'Đang tạo bản xem trước…',
        () => request('POST', `/reviews/${review.id}/form/preview`, {raw: true, body: collect()}));
      const blob = await response.blob();
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = URL.createObjectURL(blob);
      if (win) win.location.href = previewUrl;
      replace(previewStatus, notice([
        'Đã mở bản xem trước PDF của phiếu trong thẻ mới (chưa phải văn bản chính thức). ',
        h('a', {href: previewUrl, target: '_blank', rel: 'noopener'}, 'Mở lại bản xem trước'), ' · ',
        h('a', {href: previewUrl, download: 'xem-truoc-phieu.pdf'}, 'Tải bản xem trước')]));
    } catch (e) {
      if (win) win.close();
      replace(previewStatus, problemBox(e, {title: 'Không tạo được bản xem trước'}));
    }
  });
  form.append(h('div', {class: 'actions'}, submitBtn, saveBtn, previewBtn), draftNote, draftError, previewStatus);
  form.addEventListener('input', () => {
    check.later();
    clearTimeout(timer);
    timer = setTimeout(() => save('auto'), 1200);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    runAction(ctx, 'submit', collect(), submitBtn, status, () => { submitted = true; });
  });
  showMissing(draft ? [] : spec.missing || []);
  check.run();
  return form;
}

function reasonForm(ctx, status, action, label, buttonText, hint) {
  const reason = textarea('', {name: 'reason', rows: 3, 'data-field': 'reason'});
  const btn = h('button', {type: 'submit', class: action === 'return' ? 'btn btn-warn' : 'btn btn-primary'}, buttonText);
  const form = h('form', {class: 'stack', novalidate: true}, field(label, reason, {required: true, hint}), h('div', {class: 'actions'}, btn));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runAction(ctx, action, {reason: reason.value}, btn, status);
  });
  return form;
}

function confirmForm(ctx, status, action, text) {
  const btn = h('button', {type: 'submit', class: 'btn btn-primary'}, actionLabel(action));
  const form = h('form', {class: 'stack'}, h('p', {}, text), h('div', {class: 'actions'}, btn));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runAction(ctx, action, {}, btn, status);
  });
  return form;
}

function opinionForm(ctx, status) {
  const {review, spec} = ctx;
  const proposed = review.meeting?.proposed_rating || null;
  const comments = textarea('', {name: 'comments', rows: 4, 'data-field': 'opinion.comments'});
  const rating = ratingSelect(spec.ratings, proposed, {name: 'proposed_rating'});
  const btn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Gửi ý kiến và chuyển hội đồng');
  const form = h('form', {class: 'stack', novalidate: true},
    proposed ? h('p', {}, `Tập thể đề nghị: ${ratingLabel(proposed)}.`) : null,
    field('Nhận xét, đánh giá của người đứng đầu', comments, {required: true}),
    field('Đề xuất mức xếp loại', rating, {required: true}),
    h('div', {class: 'actions'}, btn));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runAction(ctx, 'give_opinion', {opinion: {comments: comments.value, proposed_rating: rating.value || null}}, btn, status);
  });
  return form;
}

function decideForm(ctx, status) {
  const {review, spec} = ctx;
  // The rating the decision takes by default: the workflow's (the head's proposal, else the meeting's).
  const proposed = review.decision_rating || null;
  const rating = ratingSelect(spec.ratings, proposed, {name: 'rating'});
  const btn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Quyết định xếp loại hồ sơ này');
  const form = h('form', {class: 'stack', novalidate: true},
    h('p', {}, 'Thông thường hội đồng quyết định theo lô trên trang ',
      h('a', {href: `#/dot/${review.campaign.id}/quyet-dinh`}, 'Quyết định xếp loại'), ', nơi hiển thị hạn mức trước khi ghi.'),
    field('Mức xếp loại', rating, {required: true}),
    h('div', {class: 'actions'}, btn));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runAction(ctx, 'decide', {rating: rating.value || null}, btn, status);
  });
  return form;
}

function resolveForm(ctx, status) {
  const {review, spec} = ctx;
  const rating = ratingSelect(spec.ratings, review.rating, {name: 'rating'});
  const reason = textarea('', {name: 'reason', rows: 3});
  const btn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Giải quyết kiến nghị');
  const form = h('form', {class: 'stack', novalidate: true},
    field('Mức xếp loại sau khi xem xét', rating, {required: true, hint: 'Giữ nguyên hoặc thay đổi mức đã quyết định.'}),
    field('Kết luận giải quyết', reason, {required: true}),
    h('div', {class: 'actions'}, btn));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runAction(ctx, 'resolve_complaint', {rating: rating.value || null, reason: reason.value}, btn, status);
  });
  return form;
}

function personSelect(people, value, name) {
  return h('select', {name},
    h('option', {value: ''}, '— Chọn người —'),
    people.map((p) => h('option', {value: String(p.id), selected: p.id === value}, `${p.full_name}${p.position ? ` (${p.position})` : ''}`)));
}

function meetingForm(ctx, status) {
  const {review, spec, me, people} = ctx;
  const draft = loadDraft(review.id, 'record_meeting')?.body?.meeting;
  const m = draft || {};
  const date = input(m.date ? fmtDate(m.date) : fmtDate(todayIso()), {name: 'date', inputmode: 'numeric', placeholder: 'dd/mm/yyyy', autocomplete: 'off', 'data-field': 'meeting.date'});
  const place = input(m.place, {name: 'place', 'data-field': 'meeting.place'});
  const chair = personSelect(people, m.chair_id, 'chair_id');
  const secretary = personSelect(people, m.secretary_id ?? me.id, 'secretary_id');
  const summoned = input(m.summoned ?? '', {type: 'number', min: 0, name: 'summoned', inputmode: 'numeric', 'data-field': 'meeting.summoned'});
  const present = input(m.present ?? '', {type: 'number', min: 0, name: 'present', inputmode: 'numeric', 'data-field': 'meeting.present'});
  const official = input(m.official_members || '', {type: 'number', min: 0, name: 'official_members', inputmode: 'numeric'});
  const rating = ratingSelect(spec.ratings, m.proposed_rating || review.form?.self_rating, {name: 'proposed_rating'});
  const inFavour = input(m.votes?.in_favour ?? '', {type: 'number', min: 0, name: 'in_favour', inputmode: 'numeric'});
  const against = input(m.votes?.against ?? '', {type: 'number', min: 0, name: 'against', inputmode: 'numeric'});
  const abstain = input(m.votes?.abstain ?? '', {type: 'number', min: 0, name: 'abstain', inputmode: 'numeric'});
  const conclusion = textarea(m.conclusion, {name: 'conclusion', rows: 3});
  const datalistId = uid('people');
  const datalist = h('datalist', {id: datalistId}, people.map((p) => h('option', {value: p.full_name})));

  const absentList = h('div', {class: 'rows'});
  const commentList = h('div', {class: 'rows'});
  const addAbsent = (a = {}) => {
    const n = absentList.children.length + 1;
    const name = input(a.name, {list: datalistId, name: 'absent_name'});
    const reason = input(a.reason, {name: 'absent_reason'});
    const row = h('fieldset', {class: 'row'}, h('legend', {}, `Người vắng mặt ${n}`),
      field('Họ và tên', name), field('Lý do vắng mặt', reason),
      h('button', {type: 'button', class: 'btn btn-link', onclick: () => { row.remove(); form.dispatchEvent(new Event('input')); }}, `Bỏ người vắng mặt ${n}`));
    row._get = () => ({name: name.value, reason: reason.value});
    absentList.append(row);
    return name;
  };
  const addComment = (c = {}) => {
    const n = commentList.children.length + 1;
    const author = input(c.author, {list: datalistId, name: 'comment_author'});
    const text = textarea(c.text, {name: 'comment_text', rows: 2});
    const row = h('fieldset', {class: 'row'}, h('legend', {}, `Ý kiến ${n}`),
      field('Người phát biểu', author), field('Nội dung ý kiến', text),
      h('button', {type: 'button', class: 'btn btn-link', onclick: () => { row.remove(); form.dispatchEvent(new Event('input')); }}, `Bỏ ý kiến ${n}`));
    row._get = () => ({author: author.value, text: text.value});
    commentList.append(row);
    return author;
  };
  (m.absent || []).forEach(addAbsent);
  (m.comments || []).forEach(addComment);

  const collect = () => {
    const iso = parseDate(date.value);
    return {meeting: {
      date: iso || date.value,
      place: place.value,
      chair_id: Number(chair.value) || 0,
      secretary_id: Number(secretary.value) || 0,
      summoned: intOf(summoned),
      present: intOf(present),
      official_members: intOf(official),
      absent: [...absentList.children].map((r) => r._get()).filter((a) => a.name.trim()),
      comments: [...commentList.children].map((r) => r._get()).filter((c) => c.author.trim() || c.text.trim()),
      proposed_rating: rating.value || null,
      votes: {in_favour: intOf(inFavour), against: intOf(against), abstain: intOf(abstain)},
      conclusion: conclusion.value,
    }};
  };

  const attendance = h('p', {class: 'attendance', 'aria-live': 'polite'});
  const checkPanelEl = h('div', {class: 'check', 'aria-live': 'polite'});
  const check = liveCheck(ctx, 'record_meeting', collect, checkPanelEl, 'Biên bản đã đủ điều kiện để ghi (đủ số lượng, biểu quyết hợp lệ).');
  const refresh = () => {
    const s = intOf(summoned);
    const p = intOf(present);
    attendance.textContent = s ? `Có mặt ${p}/${s} người được triệu tập.` : 'Nhập số người được triệu tập và số có mặt.';
    const bad = date.value && !parseDate(date.value);
    setFieldError(date, bad ? 'Ngày phải có dạng dd/mm/yyyy, ví dụ 05/01/2026.' : '');
  };

  const saveBtn = h('button', {type: 'button', class: 'btn'}, 'Lưu nháp');
  const btn = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Ghi biên bản và chuyển người đứng đầu');
  const draftNote = h('p', {class: 'muted draft-note', 'aria-live': 'polite'}, draft ? 'Đã khôi phục bản nháp biên bản trên máy này.' : '');
  const form = h('form', {class: 'stack', novalidate: true},
    datalist,
    h('fieldset', {}, h('legend', {}, 'Cuộc họp'),
      h('div', {class: 'grid2'},
        field('Ngày họp', date, {required: true, hint: 'Dạng dd/mm/yyyy, ví dụ 05/01/2026.'}),
        field('Địa điểm', place, {required: true}),
        field('Chủ trì', chair, {required: true}),
        field('Thư ký', secretary, {required: true}))),
    h('fieldset', {}, h('legend', {}, 'Thành phần tham dự'),
      h('div', {class: 'grid3'},
        field('Số người được triệu tập', summoned, {required: true}),
        field('Số người có mặt', present, {required: true}),
        field('Số đảng viên chính thức', official, {hint: 'Chỉ khi quy định tính biểu quyết trên số đảng viên chính thức.'})),
      attendance,
      absentList,
      h('button', {type: 'button', class: 'btn', onclick: () => addAbsent().focus()}, 'Thêm người vắng mặt')),
    h('fieldset', {}, h('legend', {}, 'Ý kiến góp ý'),
      commentList,
      h('button', {type: 'button', class: 'btn', onclick: () => addComment().focus()}, 'Thêm ý kiến')),
    h('fieldset', {}, h('legend', {}, 'Biểu quyết'),
      field('Mức xếp loại tập thể đề nghị', rating, {required: true}),
      h('div', {class: 'grid3'},
        field('Số phiếu tán thành', inFavour),
        field('Số phiếu không tán thành', against),
        field('Số phiếu không biểu quyết', abstain))),
    field('Kết luận của chủ trì', conclusion, {required: true}),
    checkPanelEl,
    h('div', {class: 'actions'}, btn, saveBtn),
    draftNote);
  saveBtn.addEventListener('click', () => {
    saveDraft(review.id, 'record_meeting', collect());
    draftNote.textContent = `Đã lưu nháp biên bản lúc ${fmtDateTime(new Date())} trên máy này.`;
  });
  form.addEventListener('input', () => {
    refresh();
    check.later();
  });
  form.addEventListener('change', () => check.later());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (date.value && !parseDate(date.value)) {
      date.focus();
      return;
    }
    runAction(ctx, 'record_meeting', collect(), btn, status, () => dropDraft(review.id, 'record_meeting'));
  });
  refresh();
  check.run();
  return form;
}

// ---------- what the review holds ----------

function formSection({review, spec}) {
  const f = review.form || {};
  const filled = Object.keys(f.sections || {}).length || f.strengths || f.weaknesses || f.self_rating;
  if (!filled || review.stage === 'self_assessment') return null;
  const titles = new Map(spec.form.sections.map((s) => [s.key, s.title]));
  return h('section', {class: 'card', 'aria-labelledby': 'form-h'},
    h('h2', {id: 'form-h'}, 'Bản tự đánh giá'),
    h('dl', {class: 'content'},
      Object.entries(f.sections || {}).map(([k, v]) => [h('dt', {}, titles.get(k) || k), h('dd', {class: 'text'}, v)]),
      f.strengths ? [h('dt', {}, 'Ưu điểm'), h('dd', {class: 'text'}, f.strengths)] : null,
      f.weaknesses ? [h('dt', {}, 'Hạn chế, khuyết điểm'), h('dd', {class: 'text'}, f.weaknesses)] : null,
      f.self_rating ? [h('dt', {}, 'Tự xếp loại'), h('dd', {}, ratingLabel(f.self_rating))] : null));
}

function meetingSection({review, nameOf}) {
  const m = review.meeting;
  if (!m) return null;
  return h('section', {class: 'card', 'aria-labelledby': 'meet-h'},
    h('h2', {id: 'meet-h'}, 'Biên bản họp tập thể'),
    facts([
      ['Ngày họp', fmtDate(m.date)],
      ['Địa điểm', m.place],
      ['Chủ trì', nameOf(m.chair_id)],
      ['Thư ký', nameOf(m.secretary_id)],
      ['Có mặt', `${m.present}/${m.summoned} người`],
      ['Tập thể đề nghị', ratingLabel(m.proposed_rating)],
      ['Biểu quyết', m.votes ? `${m.votes.in_favour} tán thành, ${m.votes.against} không tán thành, ${m.votes.abstain} không biểu quyết` : ''],
    ]),
    m.absent?.length ? [h('h3', {}, 'Vắng mặt'), h('ul', {}, m.absent.map((a) => h('li', {}, `${a.name}${a.reason ? ` — ${a.reason}` : ''}`)))] : null,
    m.comments?.length ? [h('h3', {}, 'Ý kiến góp ý'), h('ul', {}, m.comments.map((c) => h('li', {}, h('strong', {}, `${c.author}: `), c.text)))] : null,
    m.conclusion ? [h('h3', {}, 'Kết luận của chủ trì'), h('p', {class: 'text'}, m.conclusion)] : null);
}

function opinionSection({review, nameOf}) {
  const o = review.opinion;
  if (!o) return null;
  return h('section', {class: 'card', 'aria-labelledby': 'op-h'},
    h('h2', {id: 'op-h'}, 'Ý kiến của người đứng đầu'),
    facts([['Người cho ý kiến', nameOf(o.by)], ['Đề xuất xếp loại', ratingLabel(o.proposed_rating)]]),
    o.comments ? h('p', {class: 'text'}, o.comments) : null);
}

function resultSection({review}) {
  if (!review.rating && !review.not_rated && !review.published_at) return null;
  return h('section', {class: 'card result', 'aria-labelledby': 'res-h'},
    h('h2', {id: 'res-h'}, 'Kết quả xếp loại'),
    review.not_rated ? h('p', {}, 'Không xếp loại (chưa đủ thời gian công tác trong năm).')
      : h('p', {class: 'rating'}, review.rating_label_vi || ratingLabel(review.rating)),
    review.published_at ? h('p', {class: 'muted'}, `Công bố lúc ${fmtDateTime(review.published_at)}`) : null,
    review.complaints ? h('p', {class: 'muted'}, `Số lần kiến nghị: ${review.complaints}`) : null);
}

// A signature's event names the document and the signer's role: "Ký số biên bản họp (thư ký)".
const SIGNED_DOC = {meeting_minutes: 'biên bản họp', opinion_form: 'phiếu nhận xét, đánh giá', decision: 'quyết định xếp loại',
  final_form: 'phiếu đánh giá, xếp loại', result_notice: 'thông báo kết quả'};
const SIGNED_AS = {secretary: 'thư ký', chair: 'chủ trì', head: 'người đứng đầu', committee: 'cấp có thẩm quyền'};
function eventTitle(e, p) {
  if (e.action !== 'sign_document' || !SIGNED_DOC[p.kind]) return actionLabel(e.action);
  return `Ký số ${SIGNED_DOC[p.kind]}${SIGNED_AS[p.role] ? ` (${SIGNED_AS[p.role]})` : ''}`;
}

function timelineSection(events, actorOf) {
  return h('section', {class: 'card', 'aria-labelledby': 'tl-h'},
    h('h2', {id: 'tl-h'}, 'Diễn biến hồ sơ'),
    h('ol', {class: 'timeline'}, events.map((e) => {
      const p = e.payload || {};
      const moved = e.from_stage && e.to_stage && e.from_stage !== e.to_stage;
      return h('li', {},
        h('time', {datetime: e.occurred_at}, fmtDateTime(e.occurred_at)),
        h('div', {},
          h('p', {class: 'tl-title'}, eventTitle(e, p), p.batch ? ' (theo lô)' : ''),
          h('p', {class: 'muted'}, `Người thực hiện: ${actorOf(e)}`,
            moved ? ` — từ “${stageLabel(e.from_stage)}” sang “${stageLabel(e.to_stage)}”` : (e.to_stage ? ` — ${stageLabel(e.to_stage)}` : '')),
          p.reason ? h('p', {class: 'text'}, `Lý do: ${p.reason}`) : null,
          p.rating ? h('p', {}, `Mức xếp loại: ${ratingLabel(p.rating)}`) : null,
          p.quota_override ? h('p', {}, badge('Ngoại lệ hạn mức', 'warn'), ` ${p.override_reason || ''}`) : null));
    })));
}
