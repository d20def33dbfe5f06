// The web UI: a hash router over a few pages, all data from the scoped API.
import {api, session, setUnauthorizedHandler, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {problemBox, loading} from './ui.js';
import {loginPage} from './pages/login.js';
import {tasksPage} from './pages/tasks.js';
import {reviewPage} from './pages/review.js';
import {campaignPage} from './pages/campaign.js';
import {decidePage} from './pages/decide.js';
import {supervisionPages, supervisionNav} from './pages/supervision.js';
import {periodPages, periodsNav} from './pages/periods.js';
import {go, setFlash} from './nav.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

const routes = [
  [/^\/dang-nhap$/, loginPage, {public: true}],
  [/^\/viec-cua-toi$/, tasksPage],
  [/^\/ho-so\/(\d+)$/, reviewPage],
  [/^\/dot\/(\d+)$/, campaignPage],
  [/^\/dot\/(\d+)\/quyet-dinh$/, decidePage],
  ...supervisionPages,
  ...periodPages,
];

setUnauthorizedHandler(() => {
  session.clear();
  setFlash('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.', 'warn');
  go('/dang-nhap');
});

function renderNav(current) {
  const s = session.get();
  if (!s) {
    replace(nav);
    return;
  }
  const link = (href, text) => h('a', {href: `#${href}`, 'aria-current': current.startsWith(href) ? 'page' : null}, text);
  replace(nav,
    h('ul', {},
      h('li', {}, link('/viec-cua-toi', 'Việc của tôi')),
      periodsNav(s, link),
      supervisionNav(s, link),
      h('li', {class: 'who'}, h('span', {class: 'who-name'}, s.person.full_name)),
      h('li', {}, h('button', {type: 'button', class: 'btn btn-link', onclick: logout}, 'Đăng xuất'))));
}

async function logout() {
  try {
    await api.post('/auth/logout');
  } catch {
    // the token may already be gone; logging out locally is what matters
  }
  session.clear();
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('kiemdiem.draft.')) localStorage.removeItem(key);
  }
  setFlash('Bạn đã đăng xuất.');
  go('/dang-nhap');
}

let renderSeq = 0;
let rendered = false;
async function render() {
  const seq = ++renderSeq;
  const path = location.hash.replace(/^#/, '') || '/viec-cua-toi';
  const s = session.get();
  let match = null;
  for (const [re, page, opts] of routes) {
    const m = re.exec(path);
    if (m) {
      match = {page, opts: opts || {}, params: m.slice(1)};
      break;
    }
  }
  if (!match) {
    location.replace('#/viec-cua-toi');
    return;
  }
  if (!match.opts.public && !s) {
    location.replace('#/dang-nhap');
    return;
  }
  renderNav(path);
  main.setAttribute('aria-busy', 'true');
  replace(main, loading());
  try {
    const view = await match.page(...match.params);
    if (seq !== renderSeq) return; // a newer navigation won
    replace(main, view);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) return;
    replace(main, h('h1', {tabindex: '-1'}, e instanceof ApiError && e.status === 403 ? 'Không có quyền truy cập' : 'Không mở được trang'),
      problemBox(e, {title: e instanceof ApiError && e.status === 403 ? 'Không có quyền' : undefined}),
      h('p', {}, h('a', {href: '#/viec-cua-toi'}, 'Về trang Việc của tôi')));
  } finally {
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
  const heading = main.querySelector('h1');
  const firstRender = !rendered;
  rendered = true;
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    document.title = `${heading.textContent} — Kiểm điểm, đánh giá`;
    // After a navigation, focus goes to the new page's heading (screen readers announce it);
    // on the first load it stays at the top, so Tab reaches the skip link first.
    if (!firstRender) heading.focus({preventScroll: true});
  }
}

window.addEventListener('hashchange', render);
render();
