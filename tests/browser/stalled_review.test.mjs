// A supervisor finds a stalled review once the clock has moved forward, sees who must act and
// since when, and exports the list. The server runs with testing.enabled (its own instance:
// the clock it moves would disturb the other scenarios), so POST /api/v1/testing/clock moves
// the clock that the API, the tracking queries and the scheduler read.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {startServer, launchBrowser, newPage, login, visit, shoot, Api, L, http} from './harness.mjs';

const DAY = 24 * 3600;
const START = '2026-11-26T08:00:00+07:00';
const FORM_BODY = {form: {sections: {
  chinh_tri_tu_tuong: 'Kiên định lập trường.', dao_duc_loi_song: 'Giản dị, trung thực.',
  tac_phong_le_loi: 'Khoa học, đúng giờ.', y_thuc_ky_luat: 'Chấp hành nội quy.',
  ket_qua_nhiem_vu: 'Hoàn thành tốt nhiệm vụ.', thai_do_phuc_vu: 'Tận tình.',
}, self_rating: 'HTT', strengths: 'Chủ động.', weaknesses: 'Còn chậm.'}};

let server;
let browser;
let api;

before(async () => {
  // The clock starts on a fixed Thursday (the demo is loaded then), so the scenario does not
  // depend on the day it runs; sessions outlive the three weeks it moves.
  server = await startServer({
    name: 'server-clock',
    settings: ['testing.enabled = true', 'auth.token_ttl_minutes = 43200'],
    env: {KIEMDIEM_FAKE_NOW: START},
  });
  browser = await launchBrowser();
  api = new Api(server.base);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function moveClock(body) {
  const r = await http(`${server.base}/api/v1/testing/clock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  assert.equal(r.status, 200, await r.clone().text());
  return r.json();
}

/** "2026-12-06T14:26:57+07:00" as the page shows it: "06/12/2026 14:26". */
function shown(iso) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso);
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`;
}

/** RFC 4180 CSV (quoted fields with commas, doubled quotes, CRLF or LF) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('the testing run starts at KIEMDIEM_FAKE_NOW and says so', async () => {
  assert.match(server.logged(), /testing\.enabled = true: the clock can be moved/);
  assert.match(server.logged(), /the clock starts at 2026-11-26T08:00:\d\d\+07:00 \(KIEMDIEM_FAKE_NOW\)/);
  const huy = await api.reviewOf('Đỗ Quang Huy');
  const events = await api.call('GET', `/reviews/${huy.id}/events`, undefined, 'nhanvien.tccb');
  assert.match(events.items[0].occurred_at, /^2026-11-26T08:00:\d\d\+07:00$/); // the demo was opened then
});

test('kiemdiem serve prints the address of the web UI', async () => {
  const line = `Giao diện web: ${server.base}/`;
  for (let i = 0; i < 50 && !server.output().includes(line); i += 1) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(server.output().includes(line), server.output());
  // The address opens the login page.
  const page = await newPage(browser, server.base);
  await page.goto(`${server.base}/`);
  await page.getByRole('heading', {level: 1, name: 'Đăng nhập'}).waitFor();
  await page.context().close();
});

test('kiemdiem serve renders through libwkhtmltox and says so', async () => {
  // scripts/bootstrap builds the library; without it the log says the CLI renders, five times slower.
  assert.match(server.logged(), /started \d+ render workers \(libwkhtmltox, /, server.logged());
  assert.doesNotMatch(server.logged(), /built without libwkhtmltox/);
});

test('the testing clock refuses a time without a zone', async () => {
  // A normal run does not route it at all (tests/api/testing_clock_test.cpp).
  const bad = await http(`${server.base}/api/v1/testing/clock`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"now": "2026-12-10"}'});
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).detail, /ISO 8601 có múi giờ/);
});

test('a supervisor finds a stalled review once the clock has moved forward, and exports the list', async () => {
  // Huy submits: his file now waits for the secretary of his unit.
  const huy = await api.reviewOf('Đỗ Quang Huy');
  await api.call('POST', `/reviews/${huy.id}/actions/submit`, FORM_BODY, 'nhanvien.tccb');
  const events = await api.call('GET', `/reviews/${huy.id}/events`, undefined, 'nhanvien.tccb');
  const submittedAt = events.items.at(-1).occurred_at;

  const page = await newPage(browser, server.base);
  await login(page, 'giamsat');
  await page.getByRole('link', {name: 'Giám sát'}).click();
  await page.getByRole('heading', {level: 1, name: 'Giám sát tiến độ đánh giá'}).waitFor();
  await page.getByText(/^Số liệu lúc 26\/11\/2026 08:\d\d\./).waitFor();
  const stalledKpi = page.locator('.kpi', {hasText: 'Đình trệ'}).locator('.kpi-value');
  assert.equal(await stalledKpi.textContent(), '0');
  await page.getByLabel(L('Tình trạng')).selectOption('stalled');
  await page.getByText('Không có hồ sơ nào trong danh sách này.').waitFor();

  // Three weeks later nobody has acted.
  const moved = await moveClock({advance_seconds: 21 * DAY});
  await visit(page, '/giam-sat');
  await page.getByRole('heading', {level: 1, name: 'Giám sát tiến độ đánh giá'}).waitFor();
  assert.match(moved.now, /^2026-12-17T08:\d\d:\d\d\+07:00$/);
  await page.getByText(/^Số liệu lúc 17\/12\/2026 08:\d\d\./).waitFor();
  assert.equal(await stalledKpi.textContent(), '20');
  await page.getByLabel(L('Tình trạng')).selectOption('stalled');
  const row = page.locator('table.late tbody tr').filter({has: page.getByRole('link', {name: 'Đỗ Quang Huy'})});
  await row.waitFor();
  const cells = await row.locator('th, td').allTextContents();
  assert.equal(cells[0], 'Đỗ Quang Huy');
  assert.equal(cells[1], 'Phòng Tổ chức cán bộ');
  assert.equal(cells[2], 'Họp tập thể góp ý');
  assert.equal(cells[3], 'Thư ký: Ngô Thị Phương Thảo');
  assert.match(cells[4], new RegExp(`^${shown(submittedAt)}không hoạt động \\d+ ngày làm việc$`));
  assert.match(cells[6], /Đình trệ/);
  await page.locator('table.late caption', {hasText: '20 hồ sơ'}).waitFor();
  await shoot(page, '15-giam-sat-dinh-tre');

  // The export is the list on the screen: parsed, Huy's line says the same.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', {name: 'Xuất danh sách (CSV)'}).click(),
  ]);
  assert.match(file.suggestedFilename(), /\.csv$/);
  const rows = parseCsv(readFileSync(await file.path(), 'utf8')).filter((r) => r.length > 1);
  const [header, ...lines] = rows;
  assert.equal(lines.length, 20);
  const col = (name) => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `no column ${name} in ${header.join(' | ')}`);
    return i;
  };
  const line = lines.find((r) => r[col('Họ và tên')] === 'Đỗ Quang Huy');
  assert.ok(line, 'Huy is in the exported list');
  assert.equal(line[col('Giai đoạn')], 'Họp tập thể góp ý');
  assert.equal(line[col('Người phải xử lý')], 'Thư ký: Ngô Thị Phương Thảo');
  assert.equal(line[col('Ở giai đoạn từ')], submittedAt);
  assert.match(line[col('Tình trạng')], /Đình trệ/);
  for (const r of lines) assert.match(r[col('Tình trạng')], /Đình trệ/);
  await page.getByText(/^Đã tải tệp /).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
