// A review through every stage in the browser, as each person sees it: the reviewee,
// the secretary (with a return), the head, the committee (quota refusal with the
// numbers, then success) and publication; then a complaint and its resolution;
// a member of another unit kept out; Vietnamese text typed and shown back identically.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {startServer, launchBrowser, newPage, login, logout, visit, shoot, Api, L, SIGNING_PIN, RENDER_TIMEOUT, http} from './harness.mjs';

// Every Vietnamese vowel with every tone mark, both cases, đ/Đ, and the characters
// that break careless HTML: <, >, &, double and single quotes.
const VIETNAMESE =
  'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ ' +
  'AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ ' +
  '<b>không phải thẻ</b> & "ngoặc kép" \'ngoặc đơn\' <script>alert(1)</script> &amp; 5 < 6 > 4';

const FORM = {
  'Chính trị tư tưởng': 'Kiên định lập trường, chấp hành nghiêm chủ trương của Đảng.',
  'Đạo đức, lối sống': 'Sống giản dị, trung thực; giữ gìn đoàn kết nội bộ.',
  'Tác phong, lề lối làm việc': 'Làm việc khoa học, đúng giờ; phối hợp tốt với đồng nghiệp.',
  'Ý thức tổ chức kỷ luật': 'Chấp hành nội quy, quy chế của cơ quan.',
  'Kết quả thực hiện chức trách, nhiệm vụ được giao': 'Hoàn thành 100% nhiệm vụ được giao, 3 việc vượt tiến độ.',
  'Thái độ phục vụ nhân dân, doanh nghiệp': 'Tận tình hướng dẫn người dân & doanh nghiệp <đúng quy trình>.',
};
const FORM_BODY = {form: {sections: {
  chinh_tri_tu_tuong: 'Kiên định lập trường.', dao_duc_loi_song: 'Giản dị, trung thực.',
  tac_phong_le_loi: 'Khoa học, đúng giờ.', y_thuc_ky_luat: 'Chấp hành nội quy.',
  ket_qua_nhiem_vu: 'Hoàn thành tốt nhiệm vụ.', thai_do_phuc_vu: 'Tận tình.',
}, self_rating: 'HTT', strengths: 'Chủ động.', weaknesses: 'Còn chậm.'}};

let server;
let browser;
let api;
let huy;
let thao;

before(async () => {
  // A normal run (testing.enabled off): a fake clock in the environment is ignored.
  server = await startServer({env: {KIEMDIEM_FAKE_NOW: '2020-01-01T00:00:00+07:00'}});
  browser = await launchBrowser();
  api = new Api(server.base);
  huy = await api.reviewOf('Đỗ Quang Huy');
  thao = await api.reviewOf('Ngô Thị Phương Thảo');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openTask(page, title) {
  await page.getByRole('link', {name: title}).first().click();
  await page.getByRole('heading', {level: 1, name: /^Hồ sơ đánh giá: /}).waitFor();
}

/**
 * Signs the latest version of a document with the demo PIN; resolves to the new version's
 * entry, or to the refusal shown when the server cannot sign for this person.
 */
async function signLatest(page, locate) {
  const before = await page.locator('.docs .doc').count();
  const doc = locate(page);
  await doc.getByText('Ký số văn bản này').click();
  await doc.getByLabel(L('Mã PIN ký số')).fill(SIGNING_PIN);
  await doc.getByRole('button', {name: 'Ký số', exact: true}).click();
  const added = page.locator('.docs .doc').nth(before);
  const refused = doc.getByRole('alert').filter({hasText: 'Không ký được'});
  await added.or(refused).first().waitFor({timeout: RENDER_TIMEOUT});
  return (await refused.count()) ? {refusal: await refused.textContent()} : {added};
}

/** The newest document of a kind on the review (polling the render workers until it exists). */
async function newestDocument(reviewId, kind, user, {after = 0} = {}) {
  for (const deadline = Date.now() + RENDER_TIMEOUT; Date.now() < deadline;) {
    const docs = await api.call('GET', `/reviews/${reviewId}/documents`, undefined, user);
    const found = docs.items.filter((d) => d.kind === kind && d.id > after).sort((a, b) => b.id - a.id)[0];
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 200)); // waiting for the workers, not timing a page
  }
  throw new Error(`no ${kind} document for review ${reviewId}`);
}

/** Signs a document through the API with the demo PIN; the signed version's id. */
async function signByApi(documentId, user) {
  return (await api.call('POST', `/documents/${documentId}/signatures`, {pin: SIGNING_PIN}, user)).signed_document_id;
}

const DECISION_NOT_SIGNED = 'Quyết định (kết luận) xếp loại chưa được người có thẩm quyền ký số; chưa thể công khai kết quả.';
const minutesOf = (page) => page.locator('.docs .doc').filter({hasText: 'Biên bản họp, phiên bản'}).last();
const decisionOf = (page) => page.locator('.docs .doc').filter({hasText: 'Quyết định xếp loại, phiên bản'}).last();

async function stageIs(page, label) {
  await page.locator('.stage-now', {hasText: label}).waitFor();
}

test('a normal run keeps the real clock and serves no testing route', async () => {
  assert.match(server.logged(), /KIEMDIEM_FAKE_NOW is ignored: testing\.enabled is false/);
  const r = await http(`${server.base}/api/v1/testing/clock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"advance_seconds": 86400}'});
  assert.equal(r.status, 404);
  const events = await api.call('GET', `/reviews/${huy.id}/events`, undefined, 'nhanvien.tccb');
  const opened = Date.parse(events.items[0].occurred_at);
  assert.ok(Math.abs(Date.now() - opened) < 3600_000, `the demo was opened at ${events.items[0].occurred_at}`);
});

test('the login page refuses a wrong password in Vietnamese', async () => {
  const page = await newPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('heading', {level: 1, name: 'Đăng nhập'}).waitFor();
  await shoot(page, '01-dang-nhap');
  await page.getByLabel(L('Tên đăng nhập')).fill('nhanvien.tccb');
  await page.getByLabel(L('Mật khẩu')).fill('sai-mat-khau');
  await page.getByRole('button', {name: 'Đăng nhập'}).click();
  await page.getByRole('alert').filter({hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.'}).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('a person logs in and opens their task with the keyboard only', async () => {
  const page = await newPage(browser, server.base);
  await page.goto('/');
  await page.getByRole('heading', {level: 1, name: 'Đăng nhập'}).waitFor();
  await page.keyboard.press('Tab'); // the skip link
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Bỏ qua, đến nội dung chính');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nhanvien.tccb');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kiemdiem2026');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', {level: 1, name: 'Việc của tôi'}).waitFor();
  // Focus moved to the page's heading; Tab reaches the task's link.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.textContent === 'Nộp bản tự đánh giá' && document.activeElement.tagName === 'A')) break;
  }
  await page.keyboard.press('Enter');
  await page.getByRole('heading', {level: 1, name: 'Hồ sơ đánh giá: Đỗ Quang Huy'}).waitFor();
  // Nothing moved once the page was shown (cumulative layout shift of the whole visit).
  const shift = await page.evaluate(() => new Promise((ok) => {
    let total = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
    }).observe({type: 'layout-shift', buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => ok(total)));
  }));
  assert.ok(shift < 0.1, `cumulative layout shift ${shift}`);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('a review goes through every stage, each person doing their part', async () => {
  // 1. The reviewee fills the self-assessment, saves a draft, sees what is missing, submits.
  const reviewee = await newPage(browser, server.base);
  await login(reviewee, 'nhanvien.tccb');
  const task = reviewee.getByRole('listitem').filter({hasText: 'Nộp bản tự đánh giá'});
  await task.getByText('Hạn: 30/11/2026').waitFor();
  await shoot(reviewee, '02-viec-cua-toi');
  await openTask(reviewee, 'Nộp bản tự đánh giá');
  await stageIs(reviewee, 'Tự đánh giá');
  await reviewee.getByText('Còn thiếu 6 mục bắt buộc trước khi nộp:').waitFor();
  const entries = Object.entries(FORM);
  for (const [label, text] of entries.slice(0, 3)) await reviewee.getByLabel(L(label)).fill(text);
  await reviewee.getByText('Còn thiếu 3 mục bắt buộc trước khi nộp:').waitFor();
  await reviewee.getByRole('button', {name: 'Lưu nháp'}).click();
  await reviewee.getByText(/^Đã lưu nháp lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
  await reviewee.reload();
  await reviewee.getByText(/^Đã khôi phục bản nháp lưu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
  assert.equal(await reviewee.getByLabel(L('Chính trị tư tưởng')).inputValue(), FORM['Chính trị tư tưởng']);
  for (const [label, text] of entries.slice(3)) await reviewee.getByLabel(L(label)).fill(text);
  await reviewee.getByLabel(L('Ưu điểm')).fill('Chủ động, sáng tạo.');
  await reviewee.getByLabel(L('Hạn chế, khuyết điểm')).fill('Đôi lúc còn chậm cập nhật văn bản mới.');
  await reviewee.getByLabel(L('Tự xếp loại')).selectOption({label: 'Hoàn thành xuất sắc nhiệm vụ'});
  await reviewee.getByText('Phiếu đã đủ điều kiện để nộp.').waitFor();
  await shoot(reviewee, '03-tu-danh-gia');
  await reviewee.getByRole('button', {name: 'Nộp bản tự đánh giá'}).click();
  await reviewee.getByText('Đã thực hiện: Nộp bản tự đánh giá.').waitFor();
  await stageIs(reviewee, 'Họp tập thể góp ý');
  await reviewee.getByRole('heading', {name: 'Bản tự đánh giá'}).waitFor();

  // 2. The secretary returns it with a reason; the reviewee sees the reason and submits again.
  const secretary = await newPage(browser, server.base);
  await login(secretary, 'thuky.tccb');
  await openTask(secretary, 'Ghi biên bản họp của Đỗ Quang Huy');
  await secretary.getByText('Trả lại hồ sơ', {exact: true}).first().click();
  await secretary.getByLabel(L('Lý do trả lại')).fill('Bổ sung minh chứng kết quả nhiệm vụ.');
  await secretary.getByRole('button', {name: 'Trả lại hồ sơ'}).click();
  await stageIs(secretary, 'Tự đánh giá');
  await visit(reviewee, '/viec-cua-toi');
  await reviewee.getByText('Bổ sung minh chứng kết quả nhiệm vụ.').waitFor();
  await openTask(reviewee, 'Nộp bản tự đánh giá');
  await reviewee.getByRole('note').filter({hasText: 'Bổ sung minh chứng kết quả nhiệm vụ.'}).waitFor();
  assert.equal(await reviewee.getByLabel(L('Chính trị tư tưởng')).inputValue(), FORM['Chính trị tư tưởng']);
  await reviewee.getByText('Phiếu đã đủ điều kiện để nộp.').waitFor();
  await reviewee.getByRole('button', {name: 'Nộp bản tự đánh giá'}).click();
  await stageIs(reviewee, 'Họp tập thể góp ý');

  // 3. The meeting: the quorum is checked live by the workflow while the secretary types.
  await visit(secretary, '/viec-cua-toi');
  await openTask(secretary, 'Ghi biên bản họp của Đỗ Quang Huy');
  await secretary.getByLabel(L('Địa điểm')).fill('Phòng họp tầng 3, Sở Nội vụ');
  // The secretary (herself, by default) cannot chair too: the workflow says so as she picks.
  await secretary.getByLabel(L('Chủ trì')).selectOption(await secretary.getByLabel(L('Thư ký')).inputValue());
  await secretary.locator('.check').getByText('Chủ trì và thư ký cuộc họp phải là hai người khác nhau: một người không được vừa chủ trì vừa ghi biên bản.').waitFor();
  await secretary.getByLabel(L('Chủ trì')).selectOption({label: 'Lê Minh Tuấn (Trưởng phòng)'});
  await secretary.getByLabel(L('Số người được triệu tập')).fill('5');
  await secretary.getByLabel(L('Số người có mặt')).fill('2');
  await secretary.getByText('Có mặt 2/5 người được triệu tập.').waitFor();
  // The workflow's own quorum rule, with its numbers, before anything is recorded.
  await secretary.locator('.check').getByText(/^Có mặt 2\/5 thành viên, chưa đủ .* \(cần ít nhất \d+\)\.$/).waitFor();
  await secretary.getByLabel(L('Số người có mặt')).fill('4');
  await secretary.getByRole('button', {name: 'Thêm người vắng mặt'}).click();
  await secretary.getByLabel(L('Họ và tên')).fill('Phan Văn Lực');
  await secretary.getByLabel(L('Lý do vắng mặt')).fill('Nghỉ phép');
  await secretary.getByRole('button', {name: 'Thêm ý kiến'}).click();
  await secretary.getByLabel(L('Người phát biểu')).fill('Trịnh Thị Lan Anh');
  await secretary.getByLabel(L('Nội dung ý kiến')).fill('Nhất trí với bản tự đánh giá.');
  await secretary.getByLabel(L('Mức xếp loại tập thể đề nghị')).selectOption('HTXS');
  await secretary.getByLabel(L('Số phiếu tán thành')).fill('4');
  await secretary.getByLabel(L('Số phiếu không tán thành')).fill('0');
  await secretary.getByLabel(L('Số phiếu không biểu quyết')).fill('0');
  await secretary.getByLabel(L('Kết luận của chủ trì')).fill('Tập thể thống nhất đề nghị mức xếp loại như trên.');
  await secretary.getByText(/^Biên bản đã đủ điều kiện để ghi/).waitFor();
  await shoot(secretary, '04-bien-ban-hop');
  await secretary.getByRole('button', {name: 'Ghi biên bản và chuyển người đứng đầu'}).click();
  await stageIs(secretary, 'Nhận xét của người đứng đầu');
  await secretary.getByRole('heading', {name: 'Biên bản họp tập thể'}).waitFor();
  await secretary.getByText('4/5 người').waitFor();

  // 4. The head (who chaired the meeting) is not offered the opinion before the minutes are
  // signed: his task says what is really next, and the review page has no opinion form.
  const head = await newPage(browser, server.base);
  await login(head, 'truongphong.tccb');
  await openTask(head, 'Chờ chữ ký của thư ký trên biên bản họp của Đỗ Quang Huy');
  await head.getByRole('heading', {name: 'Biên bản họp tập thể'}).waitFor();
  await stageIs(head, 'Nhận xét của người đứng đầu');
  assert.equal(await head.getByRole('button', {name: 'Gửi ý kiến và chuyển hội đồng'}).count(), 0);
  // The workflow itself still refuses the opinion, with its reason (a client that tries anyway).
  await assert.rejects(api.call('POST', `/reviews/${huy.id}/actions/give_opinion`,
    {opinion: {comments: 'Đồng ý.', proposed_rating: 'HTXS'}}, 'truongphong.tccb'), /422 .*minutes_not_signed/);

  // The secretary signs the minutes with her PIN, then the chair; then the opinion goes through.
  await visit(secretary, `/ho-so/${huy.id}`);
  await minutesOf(secretary).waitFor({timeout: RENDER_TIMEOUT});
  const bySecretary = await signLatest(secretary, minutesOf);
  assert.equal(bySecretary.refusal, undefined, `signing refused: ${bySecretary.refusal}`);
  await minutesOf(secretary).locator('.sig-status').getByText('Chữ ký số: 1/2 chữ ký').waitFor();
  await visit(head, '/viec-cua-toi');
  await openTask(head, 'Ký biên bản họp của Đỗ Quang Huy');
  await minutesOf(head).locator('.sig-status').getByText('Chữ ký số: 1/2 chữ ký').waitFor();
  const byChair = await signLatest(head, minutesOf);
  assert.equal(byChair.refusal, undefined, `signing refused: ${byChair.refusal}`);
  await minutesOf(head).locator('.sig-status').getByText('Đã đủ chữ ký.').waitFor();
  await visit(head, `/ho-so/${huy.id}`);
  // Now the opinion form is offered, with the meeting's proposal above it.
  await head.getByText('Tập thể đề nghị: Hoàn thành xuất sắc nhiệm vụ.').waitFor();
  await head.getByLabel(L('Nhận xét, đánh giá của người đứng đầu')).fill('Đồng ý đề nghị của tập thể.');
  await head.getByLabel(L('Đề xuất mức xếp loại')).selectOption('HTXS');
  await head.getByRole('button', {name: 'Gửi ý kiến và chuyển hội đồng'}).click();
  await stageIs(head, 'Cấp có thẩm quyền quyết định');

  // A colleague reaches the committee too (set up through the API: not the subject here).
  await api.call('POST', `/reviews/${thao.id}/actions/submit`, FORM_BODY, 'thuky.tccb');
  // Thảo is the unit's secretary: the department's secretary keeps the minutes of her meeting.
  const chair = (await api.call('GET', `/reviews/${huy.id}`, undefined, 'truongphong.tccb')).meeting.chair_id;
  const departmentSecretary = (await api.reviewOf('Vũ Thị Hồng Nhung')).personId;
  await api.call('POST', `/reviews/${thao.id}/actions/record_meeting`, {meeting: {
    date: '2026-12-02', place: 'Phòng họp', chair_id: chair, secretary_id: departmentSecretary, summoned: 5, present: 4,
    absent: [], comments: [], proposed_rating: 'HTT', votes: {in_favour: 4, against: 0, abstain: 0}, conclusion: 'Nhất trí.',
  }}, 'truongphong.tccb');
  const thaoMinutes = await newestDocument(thao.id, 'meeting_minutes', 'truongphong.tccb');
  await signByApi(await signByApi(thaoMinutes.id, 'thuky.vp'), 'truongphong.tccb');
  await api.call('POST', `/reviews/${thao.id}/actions/give_opinion`, {opinion: {comments: 'Hoàn thành tốt.', proposed_rating: 'HTT'}}, 'truongphong.tccb');

  // 5. The committee: the quota shown before committing, a refusal with the numbers, success.
  const committee = await newPage(browser, server.base);
  await login(committee, 'phogiamdoc');
  await visit(committee, `/dot/${huy.campaignId}`);
  await committee.getByRole('link', {name: 'Quyết định xếp loại và công bố'}).click();
  await committee.getByRole('heading', {level: 1, name: 'Quyết định xếp loại'}).waitFor();
  const huyRating = committee.getByLabel(L('Mức quyết định cho Đỗ Quang Huy'));
  assert.equal(await huyRating.inputValue(), 'HTXS');
  const quota = committee.locator('.quota-panel');
  await quota.getByText('Vượt hạn mức:').waitFor();
  const line = quota.locator('tbody tr').filter({hasText: 'Công chức'});
  assert.deepEqual(await line.locator('td').allTextContents(), ['1', '1', '0', 'Vượt hạn mức']);
  await committee.getByRole('button', {name: 'Quyết định xếp loại các hồ sơ đã chọn'}).click();
  const refusal = committee.locator('.form-status [role=alert]');
  await refusal.getByText('Không thể quyết định: vượt hạn mức').waitFor();
  assert.deepEqual(await refusal.locator('tbody tr').first().locator('td').allTextContents(), ['1', '1', '0', 'Vượt hạn mức']);
  await shoot(committee, '05-quyet-dinh-vuot-han-muc');
  await huyRating.selectOption('HTT');
  await quota.getByText('Trong hạn mức Hoàn thành xuất sắc nhiệm vụ.').waitFor();
  assert.deepEqual(await quota.locator('tbody tr').filter({hasText: 'Công chức'}).locator('td').allTextContents(), ['0', '2', '0', 'Trong hạn mức']);
  await committee.getByRole('button', {name: 'Quyết định xếp loại các hồ sơ đã chọn'}).click();
  await committee.getByText('Đã quyết định xếp loại 2 hồ sơ.').waitFor();
  await committee.getByRole('heading', {name: 'Đã quyết định, chờ công bố (2)'}).waitFor();

  // 6. Publication: refused until the decision (one document for the batch) carries the
  // committee's signature; signed on the same page with the PIN (with the agency's seal), then published.
  await committee.getByRole('button', {name: 'Công bố kết quả các hồ sơ đã chọn'}).click();
  await committee.locator('.form-status [role=alert]').getByText(DECISION_NOT_SIGNED).first().waitFor();
  await committee.getByRole('heading', {name: 'Đã quyết định, chờ công bố (2)'}).waitFor();
  await newestDocument(huy.id, 'decision', 'phogiamdoc'); // rendered by the workers
  await visit(committee, `/dot/${huy.campaignId}/quyet-dinh`);
  const toSign = committee.locator('.decisions .doc');
  await toSign.filter({hasText: 'Đỗ Quang Huy'}).filter({hasText: 'Ngô Thị Phương Thảo'}).waitFor();
  assert.equal(await toSign.count(), 1, 'one decision for the batch');
  await toSign.locator('.sig-status').getByText('Chờ cấp có thẩm quyền ký số.').waitFor();
  await toSign.getByText('Ký số quyết định này').click();
  await toSign.getByLabel(L('Mã PIN ký số')).fill(SIGNING_PIN);
  await shoot(committee, '15-ky-quyet-dinh');
  await toSign.getByRole('button', {name: 'Ký số', exact: true}).click();
  await committee.getByText('Đã ký số quyết định xếp loại.').waitFor({timeout: RENDER_TIMEOUT});
  await committee.locator('.decisions .sig-status').getByText('Chữ ký số: 1/1 chữ ký').waitFor();
  await committee.getByRole('heading', {name: 'Đã quyết định, chờ công bố (2)'}).waitFor();
  await committee.getByRole('button', {name: 'Công bố kết quả các hồ sơ đã chọn'}).click();
  await committee.getByText('Đã công bố kết quả 2 hồ sơ.').waitFor();
  await committee.getByText('Không có hồ sơ nào đang chờ quyết định.').waitFor();

  await visit(reviewee, `/ho-so/${huy.id}`);
  await stageIs(reviewee, 'Đã thông báo, công khai');
  await reviewee.locator('.result .rating', {hasText: 'Hoàn thành tốt nhiệm vụ'}).waitFor();
  const timeline = await reviewee.locator('.timeline .tl-title').allTextContents();
  assert.deepEqual(timeline, ['Tạo hồ sơ', 'Nộp bản tự đánh giá', 'Trả lại hồ sơ', 'Nộp bản tự đánh giá', 'Ghi biên bản họp',
    'Ký số biên bản họp (thư ký)', 'Ký số biên bản họp (chủ trì)', 'Nhận xét, đề xuất xếp loại', 'Quyết định xếp loại (theo lô)',
    'Ký số quyết định xếp loại (cấp có thẩm quyền)', 'Thông báo, công khai kết quả (theo lô)']);
  // Who acted, by name, on the reviewee's own page (names of people outside his own file
  // come from the API's event view, not from a list the reviewee could not see).
  const actors = (await reviewee.locator('.timeline li .muted').allTextContents())
    .map((t) => t.replace(/^Người thực hiện: /, '').split(' — ')[0]);
  assert.deepEqual(actors, ['hệ thống', 'Đỗ Quang Huy', 'Ngô Thị Phương Thảo', 'Đỗ Quang Huy', 'Ngô Thị Phương Thảo',
    'Ngô Thị Phương Thảo', 'Lê Minh Tuấn', 'Lê Minh Tuấn', 'Trần Thị Minh Nguyệt', 'Trần Thị Minh Nguyệt', 'Trần Thị Minh Nguyệt']);
  await shoot(reviewee, '06-ho-so-da-cong-bo');
  for (const p of [reviewee, secretary, head, committee]) assert.deepEqual(p.jsErrors, []);
  for (const p of [secretary, head, committee]) await p.context().close();
  await logout(reviewee);
  await reviewee.context().close();
});

test('the reviewee complains; the committee resolves and publishes again', async () => {
  const reviewee = await newPage(browser, server.base);
  await login(reviewee, 'nhanvien.tccb');
  await visit(reviewee, `/ho-so/${huy.id}`);
  await reviewee.getByLabel(L('Nội dung kiến nghị')).fill('Đề nghị xem xét lại mức xếp loại, kèm minh chứng vượt tiến độ.');
  await reviewee.getByRole('button', {name: 'Gửi kiến nghị'}).click();
  await stageIs(reviewee, 'Giải quyết kiến nghị');
  await shoot(reviewee, '07-kien-nghi');

  const committee = await newPage(browser, server.base);
  await login(committee, 'phogiamdoc');
  await visit(committee, `/ho-so/${huy.id}`);
  await committee.getByLabel(L('Mức xếp loại sau khi xem xét')).selectOption('HTT');
  await committee.getByLabel(L('Kết luận giải quyết')).fill('Giữ nguyên mức Hoàn thành tốt nhiệm vụ.');
  const signedDecision = await newestDocument(huy.id, 'decision', 'phogiamdoc');
  await committee.getByRole('button', {name: 'Giải quyết kiến nghị'}).click();
  await stageIs(committee, 'Đã quyết định xếp loại');
  // The resolution is a new decision (version 1 of its own): the first one's signature does not
  // carry over, so publishing waits for the committee to sign it.
  await newestDocument(huy.id, 'decision', 'phogiamdoc', {after: signedDecision.id});
  await visit(committee, '/viec-cua-toi');
  await openTask(committee, 'Ký quyết định xếp loại của Đỗ Quang Huy');
  await stageIs(committee, 'Đã quyết định xếp loại');
  assert.equal(await committee.getByRole('button', {name: 'Thông báo, công khai kết quả'}).count(), 0);
  await decisionOf(committee).locator('.sig-status').getByText('Chữ ký số: 0/1 chữ ký').waitFor();
  const signed = await signLatest(committee, decisionOf);
  assert.equal(signed.refusal, undefined, `signing refused: ${signed.refusal}`);
  await decisionOf(committee).locator('.sig-status').getByText('Đã đủ chữ ký.').waitFor();
  await visit(committee, `/ho-so/${huy.id}`);
  await committee.getByRole('button', {name: 'Thông báo, công khai kết quả'}).click();
  await stageIs(committee, 'Đã thông báo, công khai');

  // A second complaint is refused by the workflow, with its reason shown.
  await reviewee.reload();
  await stageIs(reviewee, 'Đã thông báo, công khai');
  assert.equal(await reviewee.getByRole('button', {name: 'Gửi kiến nghị'}).count(), 1);
  await reviewee.getByLabel(L('Nội dung kiến nghị')).fill('Khiếu nại lần hai.');
  await reviewee.getByRole('button', {name: 'Gửi kiến nghị'}).click();
  await reviewee.locator('.form-status [role=alert]').waitFor();
  await stageIs(reviewee, 'Đã thông báo, công khai');
  for (const p of [reviewee, committee]) await p.context().close();
});

test('a member of another unit cannot open the review', async () => {
  const other = await newPage(browser, server.base);
  await login(other, 'thuky.ccvc');
  await visit(other, `/ho-so/${huy.id}`);
  await other.getByRole('heading', {level: 1, name: 'Không có quyền truy cập'}).waitFor();
  await other.getByText('Bạn không có quyền xem hồ sơ đánh giá này.').waitFor();
  const text = await other.locator('main').textContent();
  assert.ok(!text.includes('Đỗ Quang Huy'), 'the reviewee\'s name must not reach the page');
  assert.ok(!text.includes('Kiên định lập trường'), 'the form must not reach the page');
  await shoot(other, '08-khong-co-quyen');
  // Nor its documents: the API answers 403 to this person's session, for the list and each PDF.
  const docs = await api.call('GET', `/reviews/${huy.id}/documents`, undefined, 'nhanvien.tccb');
  assert.ok(docs.items.length > 0);
  const statuses = await other.evaluate(async (paths) => {
    const {token} = JSON.parse(sessionStorage.getItem('kiemdiem.session'));
    const out = [];
    for (const p of paths) out.push((await fetch(p, {headers: {Authorization: `Bearer ${token}`}})).status);
    return out;
  }, [`/api/v1/reviews/${huy.id}/documents`, ...docs.items.map((d) => d.pdf_url), ...docs.items.map((d) => d.html_url)]);
  assert.deepEqual(statuses, statuses.map(() => 403));
  await other.context().close();
});

test('Vietnamese text typed in the browser comes back identical', async () => {
  const toan = await api.reviewOf('Dương Văn Toàn');
  const page = await newPage(browser, server.base);
  await login(page, 'thuky.ccvc');
  await openTask(page, 'Nộp bản tự đánh giá');
  const labels = ['Chính trị tư tưởng', 'Đạo đức, lối sống', 'Tác phong, lề lối làm việc', 'Ý thức tổ chức kỷ luật',
    'Kết quả thực hiện chức trách, nhiệm vụ được giao', 'Thái độ phục vụ nhân dân, doanh nghiệp'];
  for (const label of labels) await page.getByLabel(L(label)).fill(label === 'Chính trị tư tưởng' ? VIETNAMESE : 'Đạt yêu cầu.');
  await page.getByLabel(L('Ưu điểm')).pressSequentially('Gõ từng phím: Đặng Thị Ngọc Ánh & "Ơn" <ưu điểm>');
  await page.getByLabel(L('Tự xếp loại')).selectOption('HTT');
  await page.getByRole('button', {name: 'Nộp bản tự đánh giá'}).click();
  await stageIs(page, 'Họp tập thể góp ý');
  await page.reload();
  const shown = page.locator('.content dd');
  await shown.first().waitFor();
  assert.equal(await shown.nth(0).textContent(), VIETNAMESE);
  assert.ok((await shown.allTextContents()).includes('Gõ từng phím: Đặng Thị Ngọc Ánh & "Ơn" <ưu điểm>'));
  assert.equal(await page.locator('script', {hasText: 'alert(1)'}).count(), 0);
  // And the server stored exactly what was typed.
  const stored = await api.call('GET', `/reviews/${toan.id}`, undefined, 'thuky.ccvc');
  assert.equal(stored.form.sections.chinh_tri_tu_tuong, VIETNAMESE);

  // The PDF of the form, downloaded from the review page, holds the same text (pdftotext).
  const doc = page.locator('.docs .doc').filter({hasText: 'Phiếu tự đánh giá, phiên bản'}).first();
  await doc.waitFor({timeout: RENDER_TIMEOUT});
  const [file] = await Promise.all([page.waitForEvent('download'), doc.getByRole('button', {name: 'Tải về'}).click()]);
  assert.match(file.suggestedFilename(), /\.pdf$/);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', await file.path(), '-'], {encoding: 'utf8'});
  const flat = (t) => t.normalize('NFC').replace(/\s+/g, ' ').trim();
  assert.ok(flat(text).includes(flat(VIETNAMESE)), `the PDF text differs:\n${flat(text)}`);
  await shoot(page, '10-van-ban-tieng-viet');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('the draft is kept on the server: another browser gets it back identical, and previews it as PDF', async () => {
  const nhung = await api.reviewOf('Vũ Thị Hồng Nhung');
  // Typed with combining marks (e + U+0302 + U+0301): stored and shown back in NFC (ế).
  const decomposed = 'Tie\u0302\u0301ng Vie\u0323\u0302t go\u031B\u0300 to\u0301 ho\u031Bp';
  const typed = 'Gõ từng phím: Đặng Thị Ngọc Ánh & "Ơn" \'ưu\' <ưu điểm>';
  const first = await newPage(browser, server.base);
  await login(first, 'thuky.vp');
  await visit(first, `/ho-so/${nhung.id}`);
  await stageIs(first, 'Tự đánh giá');
  await first.getByLabel(L('Chính trị tư tưởng')).fill(VIETNAMESE);
  await first.getByLabel(L('Hạn chế, khuyết điểm')).fill(decomposed);
  await first.getByLabel(L('Ưu điểm')).pressSequentially(typed);
  // Saved as the person types (no button pressed). The message shows from the first save on; the
  // page is closed once the server holds the last key typed (typing is slow on a loaded machine).
  await first.getByText(/^Đã tự động lưu nháp lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
  const holds = (v) => v === typed || (v !== null && typeof v === 'object' && Object.values(v).some(holds));
  for (const deadline = Date.now() + RENDER_TIMEOUT; !holds(await api.call('GET', `/reviews/${nhung.id}/draft`, undefined, 'thuky.vp'));) {
    assert.ok(Date.now() < deadline, 'the draft on the server never got the text typed');
    await new Promise((ok) => setTimeout(ok, 200));
  }
  await first.context().close();

  // Another browser (a fresh context: nothing kept in the browser) gets the same text back.
  const second = await newPage(browser, server.base);
  await login(second, 'thuky.vp');
  await visit(second, `/ho-so/${nhung.id}`);
  await second.getByText(/^Đã khôi phục bản nháp lưu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
  assert.equal(await second.getByLabel(L('Chính trị tư tưởng')).inputValue(), VIETNAMESE);
  assert.equal(await second.getByLabel(L('Ưu điểm')).inputValue(), typed);
  const nfc = await second.getByLabel(L('Hạn chế, khuyết điểm')).inputValue();
  assert.equal(nfc, decomposed.normalize('NFC'));
  assert.equal(nfc, 'Tiếng Việt gờ tó hơp');
  await shoot(second, '16-ban-nhap-tren-may-chu');

  // "Xem trước PDF": the draft as the PDF pipeline renders it, opened in a new tab; not stored.
  const [popup, preview] = await Promise.all([
    second.waitForEvent('popup'),
    second.waitForResponse((r) => r.url().endsWith(`/reviews/${nhung.id}/form/preview`)),
    second.getByRole('button', {name: 'Xem trước PDF'}).click(),
  ]);
  assert.equal(preview.status(), 200);
  assert.equal(preview.headers()['content-type'], 'application/pdf');
  await second.getByText(/^Đã mở bản xem trước PDF của phiếu trong thẻ mới \(chưa phải văn bản chính thức\)\./).waitFor();
  // The file the tab shows, saved through the page's own link to it.
  assert.match(await second.getByRole('link', {name: 'Mở lại bản xem trước'}).getAttribute('href'), /^blob:/);
  const [saved] = await Promise.all([second.waitForEvent('download'), second.getByRole('link', {name: 'Tải bản xem trước'}).click()]);
  assert.equal(saved.suggestedFilename(), 'xem-truoc-phieu.pdf');
  const pdfPath = await saved.path();
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], {encoding: 'utf8'});
  const flat = (t) => t.normalize('NFC').replace(/\s+/g, ' ').trim();
  assert.ok(flat(text).includes(flat(VIETNAMESE)), `the preview's text differs:\n${flat(text)}`);
  assert.ok(flat(text).includes(typed), `the preview lacks "${typed}":\n${flat(text)}`);
  assert.ok(flat(text).includes('Tiếng Việt gờ tó hơp'));
  assert.ok(flat(text).includes('Vũ Thị Hồng Nhung'));
  await popup.close().catch(() => {}); // may already have turned into a download
  const docs = await api.call('GET', `/reviews/${nhung.id}/documents`, undefined, 'thuky.vp');
  assert.equal(docs.items.length, 0, 'a preview is not stored as a document');
  await stageIs(second, 'Tự đánh giá');
  assert.deepEqual(second.jsErrors, []);

  // A draft that is not a form of hers is refused, with nothing stored.
  const statuses = await second.evaluate(async (id) => {
    const {token} = JSON.parse(sessionStorage.getItem('kiemdiem.session'));
    const put = (body) => fetch(`/api/v1/reviews/${id}/draft`, {method: 'PUT', headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'}, body});
    return [(await put('{"form": {"sections": {"khong_co": "x"}}}')).status, (await put('{"form": {"self_rating": "XYZ"}}')).status, (await put('[]')).status];
  }, nhung.id);
  assert.deepEqual(statuses, [422, 400, 400]);
  assert.equal(await second.getByLabel(L('Chính trị tư tưởng')).inputValue(), VIETNAMESE);
  // Only the reviewee reads her draft: the head of her unit sees the review, not the draft.
  const head = {Authorization: `Bearer ${await api.token('chanhvp')}`};
  assert.equal((await http(`${server.base}/api/v1/reviews/${nhung.id}`, {headers: head})).status, 200);
  assert.equal((await http(`${server.base}/api/v1/reviews/${nhung.id}/draft`, {headers: head})).status, 403);
  await second.context().close();
});

test('the supervisor sees the dashboard of the tree, drills down and exports the list', async () => {
  const page = await newPage(browser, server.base);
  await login(page, 'giamsat');
  await page.getByRole('link', {name: 'Giám sát'}).click();
  await page.getByRole('heading', {level: 1, name: 'Giám sát tiến độ đánh giá'}).waitFor();
  await page.locator('.kpi', {hasText: 'Tổng số hồ sơ'}).waitFor();
  await page.getByRole('img', {name: /^Số hồ sơ theo giai đoạn:/}).waitFor();
  await page.getByLabel(L('Tình trạng')).selectOption('all');
  const rows = page.locator('table.late tbody tr');
  await rows.first().waitFor();
  assert.ok(await rows.count() >= 15);
  await shoot(page, '09-giam-sat');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', {name: 'Xuất danh sách (CSV)'}).click(),
  ]);
  assert.match(file.suggestedFilename(), /\.csv$/);
  const csv = (await import('node:fs')).readFileSync(await file.path(), 'utf8');
  assert.ok(csv.includes('Họ và tên') && csv.includes('Đỗ Quang Huy'), csv.slice(0, 300));
  await page.getByText(/^Đã tải tệp /).waitFor();
  // The summary report (PDF) is rendered by the workers: progress, then the file.
  await page.getByRole('button', {name: 'Báo cáo tổng hợp (PDF)'}).click();
  const getReport = page.getByRole('button', {name: 'Tải báo cáo tổng hợp'});
  const reportFailed = page.locator('.form-status [role=alert]');
  await getReport.or(reportFailed).first().waitFor({timeout: RENDER_TIMEOUT});
  if (!(await getReport.count())) assert.fail(`summary report refused: ${await reportFailed.first().textContent()}`);
  const [report] = await Promise.all([page.waitForEvent('download'), getReport.click()]);
  const pdf = (await import('node:fs')).readFileSync(await report.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.getByRole('link', {name: 'Phòng Tổ chức cán bộ'}).click();
  await page.getByRole('heading', {level: 1, name: 'Giám sát: Phòng Tổ chức cán bộ'}).waitFor();
  await page.getByLabel(L('Tình trạng')).selectOption('all');
  await page.locator('table.late').getByRole('link', {name: 'Đỗ Quang Huy'}).click();
  await page.getByRole('heading', {level: 1, name: 'Hồ sơ đánh giá: Đỗ Quang Huy'}).waitFor();
  await page.getByText('Ở giai đoạn này bạn không có thao tác nào trên hồ sơ.').waitFor();
  await page.getByRole('link', {name: /^Thông báo/}).click();
  await page.getByRole('heading', {level: 1, name: 'Thông báo'}).waitFor();
  await page.getByText(/thông báo chưa đọc trên tổng số/).waitFor();
  await shoot(page, '11-thong-bao');
  await page.getByRole('link', {name: 'Việc của tôi'}).click();
  await page.getByRole('link', {name: 'Đánh giá, xếp loại chất lượng năm 2026 — Sở Nội vụ'}).click();
  await page.locator('table caption', {hasText: 'hồ sơ'}).waitFor();
  await shoot(page, '12-dot-danh-gia');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('a committee member opens a new campaign and sees its reviews created', async () => {
  const thanhTra = (await api.call('GET', `/reviews/${(await api.reviewOf('Kiều Văn Dũng')).id}`, undefined, 'giamdoc')).unit.id;
  const created = await api.call('POST', '/campaigns', {unit_id: thanhTra, year: 2027, regime_id: 'nd90-2020'}, 'giamdoc');
  const page = await newPage(browser, server.base);
  await login(page, 'giamdoc');
  await visit(page, `/dot/${created.id}`);
  await page.getByText('Đợt đánh giá chưa mở.', {exact: false}).waitFor();
  await page.getByRole('button', {name: 'Mở đợt đánh giá'}).click();
  await page.getByText('Đã mở đợt đánh giá: tạo 4 hồ sơ.').waitFor();
  await page.locator('table caption', {hasText: '4 hồ sơ'}).waitFor();
  await shoot(page, '13-mo-dot-danh-gia');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('the secretary and the chair sign the minutes and see them verified', async () => {
  // Toàn's own file (submitted in the test above): he is the unit's secretary, so the
  // department's secretary keeps the minutes of his meeting and its chair records it, through
  // the API; the signatures are the subject here.
  const toan = await api.reviewOf('Dương Văn Toàn');
  const oanh = (await api.reviewOf('Võ Thị Kim Oanh')).personId;
  const nhung = (await api.reviewOf('Vũ Thị Hồng Nhung')).personId;
  await api.call('POST', `/reviews/${toan.id}/actions/record_meeting`, {meeting: {
    date: '2026-12-03', place: 'Phòng họp Phòng Công chức, viên chức', chair_id: oanh, secretary_id: nhung,
    summoned: 4, present: 4, absent: [], comments: [{author: 'Hồ Thị Bích Ngọc', text: 'Nhất trí.'}],
    proposed_rating: 'HTT', votes: {in_favour: 4, against: 0, abstain: 0}, conclusion: 'Đề nghị Hoàn thành tốt nhiệm vụ.',
  }}, 'truongphong.ccvc');
  const minutes = (page) => page.locator('.docs .doc').filter({hasText: 'Biên bản họp, phiên bản'}).last();

  const secretary = await newPage(browser, server.base);
  await login(secretary, 'thuky.vp');
  await visit(secretary, `/ho-so/${toan.id}`);
  await minutes(secretary).waitFor({timeout: RENDER_TIMEOUT});
  await secretary.locator('.documents [role=status]').getByText('Đang chờ bạn ký số: Biên bản họp năm 2026 - Dương Văn Toàn.').waitFor();
  const first = await signLatest(secretary, minutes);
  // The demo enrols every person with a server-held key (PIN 123456): a refusal is a failure.
  assert.equal(first.refusal, undefined, `signing refused: ${first.refusal}`);
  // The minutes now wait for the chair, named, on the secretary's page.
  await minutes(secretary).locator('.sig-status').getByText('Chữ ký số: 1/2 chữ ký').waitFor();
  await minutes(secretary).locator('.sig-status').getByText('Chờ Chủ trì (Võ Thị Kim Oanh) ký.').waitFor();
  assert.equal(await secretary.getByText(/^Đang chờ bạn ký số/).count(), 0);
  await minutes(secretary).getByText('Mọi chữ ký hợp lệ').waitFor({timeout: RENDER_TIMEOUT});
  await minutes(secretary).locator('.verification li', {hasText: 'Vũ Thị Hồng Nhung'}).waitFor();

  const chair = await newPage(browser, server.base);
  await login(chair, 'truongphong.ccvc');
  await visit(chair, `/ho-so/${toan.id}`);
  await minutes(chair).waitFor();
  await minutes(chair).locator('.sig-status').getByText('Chờ Chủ trì (Võ Thị Kim Oanh) ký.').waitFor();
  // The chair is told first thing in the documents that the minutes wait for her.
  await chair.locator('.documents [role=status]').getByText('Đang chờ bạn ký số: Biên bản họp năm 2026 - Dương Văn Toàn.').waitFor();
  const second = await signLatest(chair, minutes);
  assert.equal(second.refusal, undefined);
  await minutes(chair).locator('.sig-status').getByText('Chữ ký số: 2/2 chữ ký').waitFor();
  await minutes(chair).locator('.sig-status').getByText('Đã đủ chữ ký.').waitFor();
  assert.equal(await chair.getByText(/^Đang chờ bạn ký số/).count(), 0);
  // Nothing left to sign: no signing form on any version any more.
  assert.equal(await chair.locator('.docs .doc').filter({hasText: 'Biên bản họp, phiên bản'}).getByText('Ký số văn bản này').count(), 0);
  const signed = minutes(chair);
  await signed.getByText('Mọi chữ ký hợp lệ').waitFor({timeout: RENDER_TIMEOUT});
  assert.equal(await signed.locator('.verification li').count(), 2);
  await signed.locator('.verification li', {hasText: 'Võ Thị Kim Oanh'}).waitFor();
  await shoot(chair, '14-bien-ban-da-ky');
  for (const p of [secretary, chair]) {
    assert.deepEqual(p.jsErrors, []);
    await p.context().close();
  }
});
