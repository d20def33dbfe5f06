// Dates as "05/01/2026", times in Asia/Ho_Chi_Minh, and the Vietnamese labels of
// the API's stable codes (vocabulary only: no rule lives here).

const TZ = 'Asia/Ho_Chi_Minh';

/** "2026-01-05" → "05/01/2026" (a calendar date: no time zone involved). */
export function fmtDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "05/01/2026" → "2026-01-05", or null when it is not a real date. */
export function parseDate(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || '');
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant → "26/11/2026 09:05" in Vietnam time. */
export function fmtDateTime(value) {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today in Vietnam as "2026-11-26". */
export function todayIso() {
  const p = Object.fromEntries(parts.formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

// The same labels as the server's vocabulary (workflow/vocabulary.cpp), for stages the
// API names only by code (the stepper, the timeline).
export const STAGES = [
  ['self_assessment', 'Tự đánh giá'],
  ['collective_review', 'Họp tập thể góp ý'],
  ['head_opinion', 'Nhận xét của người đứng đầu'],
  ['committee_decision', 'Cấp có thẩm quyền quyết định'],
  ['decided', 'Đã quyết định xếp loại'],
  ['published', 'Đã thông báo, công khai'],
  ['complaint', 'Giải quyết kiến nghị'],
  ['closed', 'Đã kết thúc'],
];
const STAGE_LABELS = Object.fromEntries(STAGES);
export function stageLabel(code, fallback) {
  return fallback || STAGE_LABELS[code] || code || '';
}

const ACTION_LABELS = {
  create: 'Tạo hồ sơ',
  submit: 'Nộp bản tự đánh giá',
  record_meeting: 'Ghi biên bản họp',
  give_opinion: 'Nhận xét, đề xuất xếp loại',
  decide: 'Quyết định xếp loại',
  publish: 'Thông báo, công khai kết quả',
  complain: 'Gửi kiến nghị',
  resolve_complaint: 'Giải quyết kiến nghị',
  close: 'Kết thúc hồ sơ',
  return: 'Trả lại hồ sơ',
  sign_document: 'Ký số văn bản',
};
export function actionLabel(code) {
  return ACTION_LABELS[code] || code;
}

export const RATINGS = [
  ['HTXS', 'Hoàn thành xuất sắc nhiệm vụ'],
  ['HTT', 'Hoàn thành tốt nhiệm vụ'],
  ['HT', 'Hoàn thành nhiệm vụ'],
  ['KHT', 'Không hoàn thành nhiệm vụ'],
];
const RATING_LABELS = Object.fromEntries(RATINGS);
export function ratingLabel(code) {
  return code ? RATING_LABELS[code] || code : '';
}

const GROUP_LABELS = {
  can_bo: 'Cán bộ', cong_chuc: 'Công chức', vien_chuc: 'Viên chức', dang_vien: 'Đảng viên',
};
export function groupLabel(code) {
  return GROUP_LABELS[code] || code || '';
}

// The periods of the 100-point scoring: the same labels as workflow/period_vocabulary.cpp.
export const PERIOD_STAGES = [
  ['open', 'Đang mở kỳ đánh giá'],
  ['tasks_registered', 'Đã đăng ký nhiệm vụ'],
  ['products_submitted', 'Đã báo cáo sản phẩm'],
  ['self_scored', 'Đã tự chấm điểm'],
  ['manager_scored', 'Cấp có thẩm quyền đã chấm điểm'],
  ['approved', 'Người đứng đầu đã phê duyệt'],
  ['locked', 'Đã khóa kết quả'],
];
const PERIOD_STAGE_LABELS = Object.fromEntries(PERIOD_STAGES);
export function periodStageLabel(code, fallback) {
  return fallback || PERIOD_STAGE_LABELS[code] || code || '';
}

const PERIOD_ACTION_LABELS = {
  open: 'Mở kỳ đánh giá',
  register_tasks: 'Đăng ký nhiệm vụ',
  submit_products: 'Báo cáo sản phẩm, minh chứng',
  self_score: 'Tự chấm điểm',
  score: 'Chấm điểm, nhận xét',
  approve: 'Phê duyệt kết quả',
  lock: 'Khóa kết quả',
  return: 'Trả lại',
  unlock: 'Mở khóa kết quả',
  set_presence: 'Ghi nhận tình trạng làm việc',
};
export function periodActionLabel(code) {
  return PERIOD_ACTION_LABELS[code] || code;
}

/** A decimal of the API ("98.04") as Vietnamese write it ("98,04"). */
export function fmtPoints(value) {
  if (value === null || value === undefined || value === '') return '';
  return String(value).replace('.', ',');
}

/** What a person typed ("2,5", " 2.5 ") as the API's decimal text ("2.5"); '' when blank. */
export function pointsText(text) {
  return String(text ?? '').trim().replace(',', '.');
}
