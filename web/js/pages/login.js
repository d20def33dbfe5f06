// Đăng nhập: username and password, the server's Vietnamese message on refusal.
import {api, session, ApiError} from '../api.js';
import {h, field, replace} from '../dom.js';
import {problemBox, notice, busy} from '../ui.js';
import {go, takeFlash} from '../nav.js';

export async function loginPage() {
  if (session.get()) {
    go('/viec-cua-toi');
    return h('div');
  }
  const flash = takeFlash();
  const user = h('input', {type: 'text', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false'});
  const pass = h('input', {type: 'password', name: 'password', autocomplete: 'current-password', required: true});
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Đăng nhập');
  const form = h('form', {class: 'card login', novalidate: true},
    field('Tên đăng nhập', user, {required: true}),
    field('Mật khẩu', pass, {required: true}),
    h('div', {class: 'actions'}, submit),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!user.value.trim() || !pass.value) {
      replace(status, notice('Vui lòng nhập tên đăng nhập và mật khẩu.', 'error'));
      (user.value.trim() ? pass : user).focus();
      return;
    }
    try {
      const res = await busy(submit, status, 'Đang đăng nhập…', () =>
        api.post('/auth/login', {username: user.value.trim(), password: pass.value}));
      session.set({token: res.token, expires_at: res.expires_at, person: res.person});
      go('/viec-cua-toi');
    } catch (e) {
      replace(status, problemBox(e, {title: e instanceof ApiError && e.status === 401 ? 'Không đăng nhập được' : undefined}));
      pass.select();
      pass.focus();
    }
  });
  return h('section', {class: 'narrow'},
    h('h1', {}, 'Đăng nhập'),
    flash ? notice(flash.text, flash.kind) : null,
    h('p', {class: 'lead'}, 'Hệ thống kiểm điểm, đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức và đảng viên.'),
    form);
}
