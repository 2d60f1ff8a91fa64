// Progressive enhancement of an e-form (<form data-eform>, rendered by modules/forms/render.tsx):
//  - conditional fields (data-show-if) are hidden while their condition does not hold;
//  - the citizen's answers are checked as they go, with the same validator the server runs,
//    and the GOV.UK error message is shown or cleared beside each field they have changed.
// The form still posts normally and the server's check is final: nothing here blocks a submit.
// Plain DOM, no framework; the definition comes from <script type="application/json"
// id="eform-definition"> (web/client-data.tsx).
import { localDate } from '../../platform/format';
import { type FormDefinition, parseFormBody, validateAnswers } from '../../modules/forms/model';

// ---------------------------------------------------------------------------------------
// Pure parts (unit-tested in node)
// ---------------------------------------------------------------------------------------

/** The HTML id of a field's control, as web/components.tsx fieldId makes it (a test keeps them equal). */
export function fieldId(field: string): string {
  return 'f-' + field.replace(/[^a-zA-Z0-9_]+/g, '-').replace(/-+$/, '');
}

/** Form entries → the flat map parseFormBody takes: a repeated name becomes a list. Files are left out. */
export function flatten(entries: Iterable<[string, unknown]>): Record<string, string | string[]> {
  const flat: Record<string, string | string[]> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    const had = Object.prototype.hasOwnProperty.call(flat, name) ? flat[name] : undefined;
    if (had === undefined) flat[name] = value;
    else if (Array.isArray(had)) had.push(value);
    else flat[name] = [had, value];
  }
  return flat;
}

export interface ShowIfAttr {
  /** The HTML name of the field the condition reads (members[1][relationToHead]). */
  field: string;
  values: string[];
}

/** data-show-if='{"field":"coCha","values":["true"]}' as render.tsx writes it; undefined if unreadable. */
export function parseShowIf(attr: string | null): ShowIfAttr | undefined {
  if (!attr) return undefined;
  try {
    const v: unknown = JSON.parse(attr);
    if (typeof v !== 'object' || v === null) return undefined;
    const { field, values } = v as { field?: unknown; values?: unknown };
    if (typeof field !== 'string' || !Array.isArray(values) || !values.every((x) => typeof x === 'string')) return undefined;
    return { field, values: values as string[] };
  } catch {
    return undefined;
  }
}

/** The first error message for each field id: what each field shows. */
export function messagesById(errors: readonly { field: string; message: string }[]): Map<string, string> {
  const byId = new Map<string, string>();
  for (const e of errors) {
    const id = fieldId(e.field);
    if (!byId.has(id)) byId.set(id, e.message);
  }
  return byId;
}

// ---------------------------------------------------------------------------------------
// The DOM
// ---------------------------------------------------------------------------------------

// The project compiles without TypeScript's DOM library (server code must not see browser
// globals, and the DOM's Blob and fetch types clash with Node's), so the few DOM members used
// here are declared here. They are a subset of the standard ones, as every browser has them.

interface ClassList {
  add(c: string): void;
  remove(c: string): void;
  toggle(c: string, on: boolean): void;
  contains(c: string): boolean;
}

export interface Elem {
  id: string;
  tagName: string;
  className: string;
  hidden: boolean;
  textContent: string | null;
  readonly classList: ClassList;
  readonly children: ArrayLike<Elem>;
  readonly parentElement: Elem | null;
  readonly lastElementChild: Elem | null;
  readonly ownerDocument: Doc;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  closest(selector: string): Elem | null;
  querySelector(selector: string): Elem | null;
  querySelectorAll(selector: string): ArrayLike<Elem>;
  contains(other: Elem): boolean;
  insertBefore(node: Elem, before: Elem | null): void;
  append(...nodes: (Elem | string)[]): void;
  appendChild(node: Elem): void;
  remove(): void;
  addEventListener(type: string, listener: (event: { target: unknown }) => void): void;
}

export interface Doc {
  getElementById(id: string): Elem | null;
  createElement(tag: string): Elem;
  querySelectorAll(selector: string): ArrayLike<Elem>;
}

/** An input, select or textarea. */
interface Control extends Elem {
  name: string;
  value: string;
  type: string;
  checked?: boolean;
  disabled: boolean;
}

/** The browser's FormData: a form's entries as they would be posted (strings, and Files). */
type FormDataCtor = new (form: Elem) => Iterable<[string, unknown]>;

const ERROR_CLASSES: Record<string, string> = { INPUT: 'govuk-input--error', SELECT: 'govuk-select--error', TEXTAREA: 'govuk-textarea--error' };

function isControl(el: unknown): el is Control {
  const tag = (el as Partial<Elem> | null)?.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
}

function isChoice(el: Elem): boolean {
  return el.tagName === 'INPUT' && ((el as Control).type === 'radio' || (el as Control).type === 'checkbox');
}

/** Reads the definition from its JSON data block; undefined when it is missing or broken. */
export function readDefinition(doc: Doc, scriptId: string): FormDefinition | undefined {
  const text = doc.getElementById(scriptId)?.textContent;
  if (!text) return undefined;
  try {
    const def = JSON.parse(text) as FormDefinition;
    return Array.isArray(def.fields) ? def : undefined;
  } catch {
    return undefined;
  }
}

export interface EnhanceOptions {
  /** Today in Vietnam, YYYY-MM-DD; default: from this device's clock. */
  today?: string;
}

export function enhanceForm(form: Elem, def: FormDefinition, options: EnhanceOptions = {}): void {
  const doc = form.ownerDocument;
  const FormData = (globalThis as unknown as { FormData: FormDataCtor }).FormData;
  // Fields the citizen has changed: only these get the script's verdict. Errors the server
  // rendered stay until their field is changed (the server knows things the browser does not,
  // such as which communes belong to a province).
  const touched = new Set<string>();
  // Fields that have shown an error: they are re-checked on every keystroke, so the message goes
  // as soon as the answer is right.
  const erred = new Set<string>();
  for (const p of Array.from(form.querySelectorAll('.govuk-error-message[id$="-error"]'))) erred.add(p.id.slice(0, -'-error'.length));

  // One polite live region: a message that appears beside a field the citizen has just left is
  // read out without moving their focus.
  const live = doc.createElement('div');
  live.className = 'govuk-visually-hidden';
  live.setAttribute('aria-live', 'polite');
  form.appendChild(live);

  const conditional = Array.from(form.querySelectorAll('[data-show-if]'));

  function currentValues(name: string): string[] {
    const values: string[] = [];
    for (const el of Array.from(form.querySelectorAll('input, select, textarea')) as Control[]) {
      if (el.name !== name || el.disabled || el.closest('[hidden]')) continue;
      if (isChoice(el) && !el.checked) continue;
      values.push(el.value);
    }
    return values;
  }

  /** Shows each conditional field whose condition holds. In document order, so a field hidden
   * by its own condition also hides those that depend on it, as the validator does. */
  function updateConditions(): void {
    for (const wrapper of conditional) {
      const cond = parseShowIf(wrapper.getAttribute('data-show-if'));
      if (!cond) continue; // unreadable: leave it shown, as without JavaScript
      const holds = currentValues(cond.field).some((v) => cond.values.includes(v));
      if (wrapper.hidden === !holds) continue;
      wrapper.hidden = !holds;
      if (!holds) for (const p of Array.from(wrapper.querySelectorAll('.govuk-error-message[id$="-error"]'))) clearError(p.id.slice(0, -'-error'.length));
    }
  }

  function validate(): void {
    const raw = parseFormBody(flatten(new FormData(form)));
    const { errors } = validateAnswers(def, raw, { today: options.today ?? localDate(new Date()) });
    const messages = messagesById(errors);
    for (const id of touched) {
      const message = messages.get(id);
      if (message) showError(id, message);
      else clearError(id);
    }
  }

  /** The element aria-describedby goes on: the control, or the fieldset of radios and check boxes. */
  function describedElement(control: Elem): Elem {
    return (isChoice(control) ? control.closest('fieldset') : null) ?? control;
  }

  function showError(id: string, message: string): void {
    const control = doc.getElementById(id);
    if (!control || !form.contains(control) || control.closest('[hidden]')) return;
    const wrapper = control.closest('.govuk-form-group');
    if (!wrapper) return;
    const described = describedElement(control);
    const errorId = `${id}-error`;
    let p = doc.getElementById(errorId);
    if (p?.lastElementChild?.textContent === message) return;
    if (!p) {
      p = doc.createElement('p');
      p.id = errorId;
      p.className = 'govuk-error-message';
      const prefix = doc.createElement('span');
      prefix.className = 'govuk-visually-hidden';
      prefix.textContent = 'Lỗi:';
      p.append(prefix, ' ', doc.createElement('span'));
      // after the label or legend and the hints, before the control (render.tsx's order)
      const container = described.tagName === 'FIELDSET' ? described : wrapper;
      container.insertBefore(p, controlBlock(container));
    }
    (p.lastElementChild as Elem).textContent = message;
    wrapper.classList.add('govuk-form-group--error');
    const cls = ERROR_CLASSES[control.tagName];
    if (cls && !isChoice(control)) control.classList.add(cls);
    setDescribedBy(described, errorId, true);
    erred.add(id);
    live.textContent = message;
    syncOuterGroups();
  }

  function clearError(id: string): void {
    const p = doc.getElementById(`${id}-error`);
    if (!p || !form.contains(p)) return;
    const wrapper = p.closest('.govuk-form-group');
    p.remove();
    const control = doc.getElementById(id);
    if (control) {
      const cls = ERROR_CLASSES[control.tagName];
      if (cls) control.classList.remove(cls);
      setDescribedBy(describedElement(control), `${id}-error`, false);
    }
    if (wrapper && !ownsError(wrapper)) wrapper.classList.remove('govuk-form-group--error');
    if (live.textContent === p.lastElementChild?.textContent) live.textContent = '';
    syncOuterGroups();
  }

  /** An address's outer group is in error while one of its parts is (render.tsx does the same). */
  function syncOuterGroups(): void {
    for (const fs of Array.from(form.querySelectorAll('.govuk-form-group > fieldset[role="group"]'))) {
      const outer = fs.parentElement as Elem;
      outer.classList.toggle('govuk-form-group--error', fs.querySelector('.govuk-error-message') !== null);
    }
  }

  function touch(target: unknown): string | undefined {
    if (!isControl(target) || !target.name || !form.contains(target)) return undefined;
    const id = fieldId(target.name);
    touched.add(id);
    return id;
  }

  form.addEventListener('change', (e) => {
    updateConditions();
    if (touch(e.target)) validate();
  });
  form.addEventListener('input', (e) => {
    updateConditions();
    if (!isControl(e.target) || !e.target.name) return;
    if (erred.has(fieldId(e.target.name)) && touch(e.target)) validate();
  });
  // Leaving a changed field fires change first; leaving one that was typed in and put back as
  // it was fires none, so leaving a touched field checks it again.
  form.addEventListener('focusout', (e) => {
    if (isControl(e.target) && e.target.name && touched.has(fieldId(e.target.name))) validate();
  });

  updateConditions();
}

/** The first child after the label or legend, hints and error: what the error message goes before. */
function controlBlock(container: Elem): Elem | null {
  for (const child of Array.from(container.children)) {
    if (child.tagName === 'LEGEND' || child.tagName === 'LABEL') continue;
    if (child.classList.contains('govuk-hint') || child.classList.contains('govuk-error-message')) continue;
    return child;
  }
  return null;
}

function ownsError(wrapper: Elem): boolean {
  return Array.from(wrapper.querySelectorAll('.govuk-error-message')).some((p) => p.closest('.govuk-form-group') === wrapper);
}

function setDescribedBy(el: Elem, id: string, on: boolean): void {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

/** Enhances every <form data-eform> of the page; data-eform may name the definition's script id. */
export function enhanceForms(doc: Doc): void {
  for (const form of Array.from(doc.querySelectorAll('form[data-eform]'))) {
    const def = readDefinition(doc, form.getAttribute('data-eform') || 'eform-definition');
    if (def) enhanceForm(form, def);
  }
}
