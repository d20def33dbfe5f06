// Việc của tôi: what to do next, on whose file, by when (overdue highlighted),
// the person's own review and the campaigns they can see.
import {api, session} from '../api.js';
import {h} from '../dom.js';
import {fmtDate, stageLabel} from '../format.js';
import {badge, notice} from '../ui.js';
import {takeFlash} from '../nav.js';

function taskCard(t) {
  const missing = (t.fields_needed || []).length;
  return h('li', {class: `task card${t.overdue ? ' task-overdue' : ''}`},
    h('div', {class: 'task-head'},
      h('h3', {}, h('a', {href: `#/ho-so/${t.review_id}`}, t.title_vi)),
      t.overdue ? badge('Quá hạn', 'bad') : null),
    h('p', {class: 'task-meta'},
      h('span', {}, `Giai đoạn: ${stageLabel(t.stage, t.stage_label_vi)}`),
      t.due ? h('span', {class: t.overdue ? 'due due-over' : 'due'}, `Hạn: ${fmtDate(t.due)}`) : null),
    t.return_reason ? h('p', {class: 'returned'}, h('strong', {}, 'Hồ sơ được trả lại: '), t.return_reason) : null,
    missing ? h('p', {class: 'muted'}, `Còn ${missing} mục chưa điền.`) : null,
    h('p', {}, h('a', {class: 'btn btn-primary', href: `#/ho-so/${t.review_id}`}, taskButton(t))));
}

// What the button says: the action, the document to sign, or only "open" while waiting.
function taskButton(t) {
  if (t.step === 'sign') return t.document_kind === 'decision' ? 'Ký quyết định' : 'Ký biên bản';
  if (t.step === 'wait') return 'Xem hồ sơ';
  return t.action_label_vi || 'Mở hồ sơ';
}

export async function tasksPage() {
  const me = session.get().person;
  const flash = takeFlash();
  const [tasks, campaigns] = await Promise.all([api.get('/me/tasks'), api.get('/campaigns')]);

  // The person's own review in each open campaign (the API scopes the list).
  const own = [];
  for (const c of campaigns.items.filter((x) => x.status !== 'draft')) {
    try {
      const page = await api.get(`/campaigns/${c.id}/reviews?unit=${me.unit_id}&limit=200`);
      for (const r of page.items) if (r.person.id === me.id) own.push({campaign: c, review: r});
    } catch {
      // the person's unit lies outside this campaign: nothing of theirs in it
    }
  }

  const roles = (me.roles || []).map((r) => `${r.role_label_vi} — ${r.unit_name}`);
  return h('section', {},
    h('h1', {}, 'Việc của tôi'),
    flash ? notice(flash.text, flash.kind) : null,
    h('p', {class: 'lead'}, `Xin chào ${me.full_name}.`, roles.length ? ` Vai trò: ${roles.join('; ')}.` : ''),
    h('h2', {}, 'Việc cần làm'),
    tasks.items.length
      ? h('ul', {class: 'tasks', 'aria-label': 'Việc cần làm'}, tasks.items.map(taskCard))
      : h('p', {class: 'empty'}, 'Hiện bạn không có việc nào cần làm.'),
    own.length ? [
      h('h2', {}, 'Hồ sơ của tôi'),
      h('ul', {class: 'plain'}, own.map(({campaign, review}) => h('li', {class: 'card'},
        h('a', {href: `#/ho-so/${review.id}`}, campaign.name),
        h('p', {class: 'muted'}, `Giai đoạn hiện tại: ${stageLabel(review.stage, review.stage_label_vi)}`,
          review.rating ? ` — Xếp loại: ${review.rating}` : '')))),
    ] : null,
    campaigns.items.length ? [
      h('h2', {}, 'Đợt đánh giá'),
      h('ul', {class: 'plain'}, campaigns.items.map((c) => h('li', {class: 'card'},
        h('a', {href: `#/dot/${c.id}`}, c.name),
        h('p', {class: 'muted'}, `Năm ${c.year} — ${c.status === 'open' ? 'đang mở' : c.status === 'closed' ? 'đã kết thúc' : 'chưa mở'}`)))),
    ] : null);
}
