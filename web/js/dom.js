// Building the page without innerHTML: every text goes through textContent, so
// what a person typed (<, &, quotes, diacritics) is shown exactly as typed.

/**
 * h('p', {class: 'note'}, 'text', child, [more, children])
 * Attributes: class, for (htmlFor), on* (listeners), dataset-like data-*, aria-*,
 * boolean attributes (true/false), everything else as setAttribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'class') {
        el.className = value;
      } else if (key === 'for') {
        el.htmlFor = value;
      } else if (key === 'value') {
        el.value = value;
      } else if (key === 'checked' || key === 'selected' || key === 'disabled') {
        el[key] = Boolean(value);
        if (key !== 'checked' && key !== 'selected') el.setAttribute(key, '');
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let counter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'f') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled field: label + control (+ hint and error region wired with aria-describedby). */
export function field(label, control, {hint, required} = {}) {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const described = [hint ? hintId : null, errId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  if (required) control.setAttribute('aria-required', 'true');
  return h('div', {class: 'field'},
    h('label', {for: id}, label, required ? h('span', {class: 'req'}, ' (bắt buộc)') : null),
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
    control,
    h('p', {class: 'field-error', id: errId, role: 'status'}));
}

/** Sets or clears the error of a field made by field(). */
export function setFieldError(control, message) {
  const err = document.getElementById(`${control.id}-err`);
  if (err) err.textContent = message || '';
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/** Debounce for live checks. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
