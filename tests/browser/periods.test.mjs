// One month of the 100-point scoring (Nghị định 335/2025) in the browser: the administrator
// issues the agency's product catalogue and opens November 2026 for Phòng Tổ chức cán bộ
// (through the API, as background); the công chức registers a task, reports its product with a
// PDF as evidence and self-scores with the totals computed live by the server; the head of the
// unit scores the team on one screen, is refused while a withheld point has no reason, then
// scores; the director approves and locks; the person's year shows the month's score.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {startServer, launchBrowser, newPage, login, visit, shoot, Api, L, http, PASSWORD} from './harness.mjs';

const TASK = 'Dự thảo báo cáo đánh giá công chức theo tháng';
const PDF = Buffer.from('%PDF-1.4\n% bao-cao-thang-11.pdf — minh chứng\n%%EOF\n');
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');

let server;
let browser;
let api;

async function person(username) {
  const r = await http(`${server.base}/api/v1/auth/login`, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({username, password: PASSWORD})});
  assert.equal(r.status, 200);
  return (await r.json()).person;
}

before(async () => {
  server = await startServer({name: 'server-periods'});
  browser = await launchBrowser();
  api = new Api(server.base);
  // The units by the roles of their heads: the Sở (the agency) and Phòng Tổ chức cán bộ.
  const agency = (await person('giamdoc')).roles.find((r) => r.role === 'head').unit_id;
  const unit = (await person('truongphong.tccb')).roles.find((r) => r.role === 'head').unit_id;
  await api.call('POST', `/units/${agency}/catalogue/versions`, {
    valid_from: '2026-01-01', decision: 'Quyết định số 15/QĐ-SNV',
    products: [
      {code: 'VB-01', name: 'Dự thảo văn bản hành chính', group: 'Văn bản', k: '1', unit: 'văn bản'},
      {code: 'BC-01', name: 'Báo cáo chuyên đề', group: 'Báo cáo', k: '1.5', unit: 'báo cáo'},
    ]}, 'quantri');
  const opened = await api.call('POST', `/units/${unit}/periods/open`, {period: '2026-11'}, 'quantri');
  assert.equal(opened.opened.length, 5);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The figure a definition list shows for a term (the live totals, the year's mean). */
async function fact(scope, term) {
  const exact = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return (await scope.locator('dt', {hasText: exact}).locator('xpath=following-sibling::dd[1]').first().textContent()).trim();
}

async function periodEntries(page) {
  await page.waitForLoadState('networkidle');
  return {
    own: await page.getByRole('navigation').getByRole('link', {name: 'Đánh giá theo kỳ'}).count(),
    team: await page.getByRole('navigation').getByRole('link', {name: 'Chấm điểm theo kỳ'}).count(),
  };
}

test('the period entries appear only for people with periods and for the heads who score them', async () => {
  const page = await newPage(browser, server.base);
  await login(page, 'chanhvp'); // Văn phòng Sở: no period opened there
  assert.deepEqual(await periodEntries(page), {own: 0, team: 0});
  await page.context().close();
});

test('a công chức, the head of the unit and the director take November through to its lock', async () => {
  // ---- the công chức: tasks, products with evidence, self-score ----
  const huy = await newPage(browser, server.base);
  await login(huy, 'nhanvien.tccb');
  assert.deepEqual(await periodEntries(huy), {own: 1, team: 0});
  await huy.getByRole('navigation').getByRole('link', {name: 'Đánh giá theo kỳ'}).click();
  await huy.getByRole('heading', {level: 1, name: 'Đánh giá theo kỳ'}).waitFor();
  await huy.getByRole('link', {name: 'Tháng 11/2026'}).click();
  await huy.getByRole('heading', {level: 1, name: 'Tháng 11/2026: Đỗ Quang Huy'}).waitFor();
  await huy.getByText('Giai đoạn hiện tại: Đang mở kỳ đánh giá').waitFor();

  await huy.getByLabel(L('Tên nhiệm vụ')).fill(TASK);
  const product = huy.getByLabel(L('Sản phẩm, công việc (hệ số quy đổi K)'));
  assert.deepEqual((await product.locator('option').allTextContents()).slice(1), [
    'VB-01 — Dự thảo văn bản hành chính (K = 1; đơn vị: văn bản)',
    'BC-01 — Báo cáo chuyên đề (K = 1,5; đơn vị: báo cáo)',
  ]);
  await product.selectOption('BC-01');
  await huy.getByLabel(L('Số lượng giao')).fill('2');
  await huy.getByRole('button', {name: 'Lưu danh sách nhiệm vụ'}).click();
  await huy.getByText('Đã thực hiện: Đăng ký nhiệm vụ (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  await huy.getByText('Giai đoạn hiện tại: Đã đăng ký nhiệm vụ').waitFor();
  const taskRow = huy.locator('table.tasks-table tbody tr', {hasText: TASK});
  assert.deepEqual((await taskRow.locator('th, td').allTextContents()).slice(0, 4),
    [TASK, 'BC-01 — Báo cáo chuyên đề', '1,5', '2']);

  await huy.getByLabel(L(`Số lượng hoàn thành: ${TASK}`)).fill('2');
  await huy.getByLabel(L(`Tệp minh chứng cho: ${TASK}`)).setInputFiles({name: 'bao-cao-thang-11.pdf', mimeType: 'application/pdf', buffer: PDF});
  await huy.getByText(`Đã tải lên bao-cao-thang-11.pdf (SHA-256: ${PDF_SHA}).`).waitFor();
  await huy.locator('ul.evidence li', {hasText: 'bao-cao-thang-11.pdf'}).getByText(PDF_SHA).waitFor();
  await huy.getByRole('button', {name: 'Báo cáo kết quả thực hiện'}).click();
  await huy.getByText('Đã thực hiện: Báo cáo sản phẩm, minh chứng (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  assert.match(await taskRow.textContent(), new RegExp(`bao-cao-thang-11\\.pdf — SHA-256: ${PDF_SHA}`));

  // The sheet starts at the maximum of every item; the server's totals follow what is typed.
  const live = huy.locator('.live-totals');
  await live.getByText('Phiếu tự chấm điểm đã đủ điều kiện để nộp.').waitFor();
  assert.equal(await fact(live, '3. Tổng điểm'), '100');
  await huy.getByLabel('Điểm mục III.1 (tối đa 2,5)').fill('2');
  const reason = huy.getByLabel('Lý do trừ điểm mục III.1');
  await huy.locator('.field-error', {hasText: 'cần ghi rõ lý do trừ'}).waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await live.locator('dd.total', {hasText: '99,5'}).waitFor();
  assert.equal(await fact(live, '1. Điểm tiêu chí chung'), '29,5 / 30');
  await reason.fill('Chưa có sáng kiến được công nhận trong tháng.');
  await live.getByText('Phiếu tự chấm điểm đã đủ điều kiện để nộp.').waitFor();
  assert.match(await fact(live, 'Mức xếp loại tương ứng'), /Hoàn thành xuất sắc nhiệm vụ \(HTXS\)$/);
  await huy.getByLabel(L('Ưu điểm')).fill('Hoàn thành đúng hạn các báo cáo được giao.');
  await shoot(huy, '20-ky-tu-cham-diem');
  await reason.press('Enter');
  await huy.getByText('Đã thực hiện: Tự chấm điểm (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  await huy.getByText('Giai đoạn hiện tại: Đã tự chấm điểm').waitFor();
  const results = huy.locator('table', {has: huy.locator('caption', {hasText: 'Tổng hợp kết quả theo dõi, đánh giá'})});
  assert.deepEqual(await results.locator('tr', {hasText: '3. Tổng điểm'}).locator('td').allTextContents(), ['99,5', '—']);

  // ---- the head of the unit scores the team on one screen ----
  const tuan = await newPage(browser, server.base);
  await login(tuan, 'truongphong.tccb');
  assert.deepEqual(await periodEntries(tuan), {own: 1, team: 1});
  await tuan.getByRole('navigation').getByRole('link', {name: 'Chấm điểm theo kỳ'}).click();
  await tuan.getByRole('heading', {level: 1, name: 'Chấm điểm theo kỳ'}).waitFor();
  assert.equal(await tuan.getByLabel(L('Kỳ theo dõi, đánh giá')).inputValue(), '2026-11');
  await tuan.getByText('4 công chức trong kỳ; 1 kỳ đang chờ bạn chấm điểm, phê duyệt hoặc khóa.').waitFor();
  const card = tuan.getByRole('region', {name: 'Đỗ Quang Huy'});
  const waiting = tuan.getByRole('region', {name: 'Ngô Thị Phương Thảo'});
  await waiting.getByText('Chờ công chức đăng ký nhiệm vụ.').waitFor();
  // The self-score beside each item; the sheet starts from it.
  const row = card.locator('tr', {hasText: 'III.1'});
  assert.deepEqual(await row.locator('td.num').allTextContents(), ['2,5', '2']);
  assert.equal(await card.getByLabel('Lý do trừ điểm mục III.1').inputValue(), 'Chưa có sáng kiến được công nhận trong tháng.');
  // Keyboard only: from II.3's points, Tab reaches its reason, then the next item's points.
  const ii3 = card.getByLabel('Điểm mục II.3 (tối đa 2,5)');
  await ii3.focus();
  await tuan.keyboard.press('Control+A');
  await tuan.keyboard.type('2');
  await tuan.keyboard.press('Tab');
  assert.equal(await tuan.evaluate(() => document.activeElement.labels[0].textContent), 'Lý do trừ điểm mục II.3');
  await tuan.keyboard.press('Tab');
  assert.equal(await tuan.evaluate(() => document.activeElement.labels[0].textContent), 'Điểm mục II.4 (tối đa 2,5)');
  await card.locator('.live-totals dd.total', {hasText: /^99$/}).waitFor();
  // Enter sends the sheet: refused, the reason named beside its field.
  await ii3.press('Enter');
  const refusal = card.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /Tiêu chí II\.3 "Tinh thần trách nhiệm trong thực thi công vụ": chấm 2\/2[.,]5 điểm, cần ghi rõ lý do trừ 0[.,]5 điểm\./);
  const ii3Reason = card.getByLabel('Lý do trừ điểm mục II.3');
  assert.equal(await ii3Reason.getAttribute('aria-invalid'), 'true');
  assert.equal(await tuan.evaluate(() => document.activeElement.labels[0].textContent), 'Lý do trừ điểm mục II.3');
  await card.locator('.field-error', {hasText: /cần ghi rõ lý do trừ 0[.,]5 điểm/}).waitFor();
  await shoot(tuan, '21-cham-diem-ky-thieu-ly-do');
  await tuan.keyboard.type('Một lần chậm báo cáo tiến độ.');
  await card.getByLabel(L('Nhận xét của cấp có thẩm quyền: Đỗ Quang Huy')).fill('Hoàn thành xuất sắc nhiệm vụ.');
  await ii3Reason.press('Enter');
  await tuan.getByText('Đã thực hiện: Chấm điểm, nhận xét (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  const scored = tuan.getByRole('region', {name: 'Đỗ Quang Huy'});
  await scored.getByText('Chờ người đứng đầu phê duyệt.').waitFor();
  assert.match(await scored.textContent(), /Điểm do cấp có thẩm quyền chấm: 99 — Hoàn thành xuất sắc nhiệm vụ/);
  // The head of the unit scores; approving and locking belong to the director.
  assert.equal(await scored.getByRole('button', {name: /Phê duyệt/}).count(), 0);
  await shoot(tuan, '22-cham-diem-ky');

  // ---- the director approves and locks ----
  const director = await newPage(browser, server.base);
  await login(director, 'giamdoc');
  assert.deepEqual(await periodEntries(director), {own: 0, team: 1});
  await visit(director, '/cham-diem-ky/2026-11');
  await director.getByRole('heading', {level: 1, name: 'Chấm điểm theo kỳ'}).waitFor();
  await director.getByRole('button', {name: 'Phê duyệt kết quả: Đỗ Quang Huy'}).click();
  await director.getByText('Đã thực hiện: Phê duyệt kết quả (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  await director.getByRole('button', {name: 'Khóa kết quả: Đỗ Quang Huy'}).click();
  await director.getByText('Đã thực hiện: Khóa kết quả (Đỗ Quang Huy, Tháng 11/2026).').waitFor();
  const line = director.locator('table', {has: director.locator('caption', {hasText: 'Tình hình chấm điểm của kỳ'})})
    .locator('tr', {hasText: 'Đỗ Quang Huy'});
  assert.deepEqual(await line.locator('th, td').allTextContents(),
    ['Đỗ Quang Huy', 'Đã khóa kết quả', '99,5', '99', 'Hoàn thành xuất sắc nhiệm vụ']);
  await shoot(director, '23-phe-duyet-khoa-ky');

  // ---- the person's year ----
  await huy.getByRole('navigation').getByRole('link', {name: 'Đánh giá theo kỳ'}).click();
  await huy.getByRole('heading', {level: 1, name: 'Đánh giá theo kỳ'}).waitFor();
  await huy.getByRole('link', {name: 'Kết quả theo kỳ năm 2026'}).click();
  await huy.getByRole('heading', {level: 1, name: 'Kết quả theo kỳ năm 2026: Đỗ Quang Huy'}).waitFor();
  const year = huy.locator('table', {has: huy.locator('caption', {hasText: 'Điểm các kỳ năm 2026'})});
  assert.deepEqual(await year.locator('tbody tr').first().locator('th, td').allTextContents(),
    ['Tháng 11/2026', 'Đã khóa kết quả', '99', 'Hoàn thành xuất sắc nhiệm vụ']);
  assert.equal(await fact(huy.locator('main'), 'Điểm bình quân các kỳ'), '99');
  assert.equal(await fact(huy.locator('main'), 'Mức xếp loại'), 'Hoàn thành xuất sắc nhiệm vụ');
  const chart = huy.getByRole('img', {name: /^Diễn biến tổng điểm các kỳ năm 2026/});
  assert.equal(await chart.getAttribute('aria-label'), 'Diễn biến tổng điểm các kỳ năm 2026: Tháng 11/2026 99 điểm');
  assert.equal(await chart.locator('circle').count(), 1);
  assert.equal(await chart.locator('text.value').textContent(), '99');
  await shoot(huy, '24-ket-qua-nam-theo-ky');

  for (const page of [huy, tuan, director]) {
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  }
});
