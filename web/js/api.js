// The only door to the server: the scoped REST API under /api/v1. Errors come
// back as ApiError carrying the RFC 9457 problem (Vietnamese `detail`, `errors`,
// `quota`), so pages show exactly what the server said.

const KEY = 'kiemdiem.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `Lỗi ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

let onUnauthorized = () => {};
/** Called with the problem when the server answers 401 to an authenticated call. */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

function idempotencyKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * request('GET', '/me/tasks') → parsed JSON (or null for 204).
 * options: body (object), ifMatch (version), idempotent (adds an Idempotency-Key),
 * raw (return the Response itself, for files).
 */
export async function request(method, path, options = {}) {
  const headers = {Accept: 'application/json'};
  const s = session.get();
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotent) headers['Idempotency-Key'] = idempotencyKey();
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, {detail: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.'});
  }
  if (options.raw && response.ok) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = data || {detail: `Máy chủ trả lời lỗi ${response.status}.`};
    if (response.status === 401 && s?.token) onUnauthorized(problem);
    throw new ApiError(response.status, problem);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, opts = {}) => request('POST', path, {...opts, body}),
  put: (path, body, opts = {}) => request('PUT', path, {...opts, body}),
};

/** Every page of a paginated list (`items`, `total`), `limit` at a time. */
export async function getAll(path, limit = 200) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += limit) {
    const page = await api.get(`${path}${sep}limit=${limit}&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/** Runs `fn` over `items` with at most `width` at once, in order of results. */
export async function mapLimited(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({length: Math.min(width, items.length)}, worker));
  return out;
}

/** Sends a file's bytes as the body (POST), e.g. evidence; the parsed JSON answer. */
export async function upload(path, file) {
  const headers = {Accept: 'application/json', 'Content-Type': 'application/octet-stream'};
  const s = session.get();
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {method: 'POST', headers, body: file, cache: 'no-store'});
  } catch {
    throw new ApiError(0, {detail: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.'});
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = data || {detail: `Máy chủ trả lời lỗi ${response.status}.`};
    if (response.status === 401 && s?.token) onUnauthorized(problem);
    throw new ApiError(response.status, problem);
  }
  return data;
}

function fileNameOf(response, fallback) {
  const cd = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Fetches a file of the API (with the bearer token) and saves it under its own name. */
export async function download(path, fallbackName) {
  const response = await request('GET', path, {raw: true});
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}

/** Fetches a file of the API and opens it in a new tab (PDF viewer of the browser). */
export async function openFile(path) {
  const win = window.open('', '_blank');
  const response = await request('GET', path, {raw: true});
  const url = URL.createObjectURL(await response.blob());
  if (win) win.location.href = url;
  else location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 300_000);
}
