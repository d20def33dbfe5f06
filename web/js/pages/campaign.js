// Đợt đánh giá: the reviews the caller may see (the API scopes the list), by stage,
// with due dates and overdue ones highlighted.
import {api} from '../api.js';
import {go, setFlash, takeFlash} from '../nav.js';
import {h, field, replace} from '../dom.js';
import {fmtDate, STAGES, stageLabel, ratingLabel} from '../format.js';
import {badge, problemBox, loading, busy, notice} from '../ui.js';

const PAGE = 50;

export async function campaignPage(id) {
  const campaign = await api.get(`/campaigns/${id}`);
  const stage = h('select', {name: 'stage'}, h('option', {value: ''}, 'Tất cả giai đoạn'),
    STAGES.map(([code, label]) => h('option', {value: code}, label)));
  const overdue = h('input', {type: 'checkbox', name: 'overdue'});
  const list = h('div', {class: 'list-region', 'aria-live': 'polite'});
  let offset = 0;

  let seq = 0;
  async function load() {
    const mine = ++seq; // only the latest filter's answer is shown
    list.setAttribute('aria-busy', 'true');
    replace(list, loading());
    const q = new URLSearchParams({limit: String(PAGE), offset: String(offset)});
    if (stage.value) q.set('stage', stage.value);
    if (overdue.checked) q.set('overdue', 'true');
    try {
      const page = await api.get(`/campaigns/${id}/reviews?${q}`);
      if (mine === seq) replace(list, table(page), pager(page));
    } catch (e) {
      if (mine === seq) replace(list, problemBox(e));
    } finally {
      if (mine === seq) list.removeAttribute('aria-busy');
    }
  }
  function table(page) {
    if (!page.items.length) return h('p', {class: 'empty'}, 'Không có hồ sơ nào phù hợp.');
    return h('div', {class: 'table-wrap'}, h('table', {class: 'table'},
      h('caption', {}, `${page.total} hồ sơ`),
      h('thead', {}, h('tr', {},
        ['Họ và tên', 'Đơn vị', 'Giai đoạn', 'Hạn', 'Xếp loại'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, page.items.map((r) => h('tr', {class: r.overdue ? 'row-over' : ''},
        h('th', {scope: 'row'}, h('a', {href: `#/ho-so/${r.id}`}, r.person.full_name), h('div', {class: 'muted'}, r.person.position)),
        h('td', {}, r.unit.name),
        h('td', {}, stageLabel(r.stage, r.stage_label_vi)),
        h('td', {}, r.due ? fmtDate(r.due) : '', r.overdue ? [' ', badge('Quá hạn', 'bad')] : null),
        h('td', {}, r.rating ? ratingLabel(r.rating) : ''))))));
  }
  function pager(page) {
    if (page.total <= PAGE) return null;
    const prev = h('button', {type: 'button', class: 'btn', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); load(); }}, 'Trang trước');
    const next = h('button', {type: 'button', class: 'btn', disabled: offset + PAGE >= page.total, onclick: () => { offset += PAGE; load(); }}, 'Trang sau');
    return h('div', {class: 'pager'}, prev, h('span', {}, `${offset + 1}–${Math.min(offset + PAGE, page.total)} / ${page.total}`), next);
  }
  // Opening creates one review per person of the unit's tree: possibly hundreds, so the
  // button shows progress and the rest of the page stays usable.
  const flash = takeFlash();
  const openStatus = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const openBtn = campaign.status === 'draft' && campaign.can_manage
    ? h('button', {type: 'button', class: 'btn btn-primary'}, 'Mở đợt đánh giá')
    : null;
  openBtn?.addEventListener('click', async () => {
    try {
      const res = await busy(openBtn, openStatus, 'Đang mở đợt và tạo hồ sơ cho từng người…', () =>
        api.post(`/campaigns/${id}/open`, {}, {idempotent: true}));
      setFlash(`Đã mở đợt đánh giá: tạo ${res.reviews_created} hồ sơ.`);
      go(`/dot/${id}`);
    } catch (e) {
      replace(openStatus, problemBox(e));
    }
  });
  stage.addEventListener('change', () => { offset = 0; load(); });
  overdue.addEventListener('change', () => { offset = 0; load(); });
  load();

  return h('section', {},
    h('p', {class: 'crumbs'}, h('a', {href: '#/viec-cua-toi'}, 'Việc của tôi')),
    h('h1', {}, campaign.name),
    h('p', {class: 'lead'}, `${campaign.regime?.title || ''}${campaign.final_deadline ? ` — hạn cuối ${fmtDate(campaign.final_deadline)}` : ''}`),
    flash ? notice(flash.text, flash.kind) : null,
    openBtn ? h('div', {class: 'card'}, h('p', {}, 'Đợt đánh giá chưa mở. Khi mở, mỗi người trong đơn vị và các đơn vị trực thuộc có một hồ sơ ở giai đoạn tự đánh giá.'),
      h('div', {class: 'actions'}, openBtn), openStatus) : null,
    campaign.can_manage && campaign.status === 'open' ? h('p', {}, h('a', {class: 'btn btn-primary', href: `#/dot/${id}/quyet-dinh`}, 'Quyết định xếp loại và công bố')) : null,
    h('div', {class: 'filters'}, field('Giai đoạn', stage),
      h('div', {class: 'field check'}, h('label', {}, overdue, ' Chỉ hồ sơ quá hạn'))),
    list);
}
