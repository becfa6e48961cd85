/**
 * The diagram builds its DOM only through these helpers: every value from the
 * simulated world (names, labels, states, counts) becomes a text node, never
 * markup. Stored data must not run as HTML (issue 14, stored XSS).
 */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's content with text, touching the DOM only when it differs. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Keeps parent's children in step with items, by key. An item whose
 * signature is unchanged keeps its element, so a change to one pod among a
 * thousand rebuilds one element, and an unchanged view touches nothing.
 */
export class KeyedList<T> {
  readonly #parent: Element;
  readonly #key: (item: T) => string;
  readonly #sig: (item: T) => string;
  readonly #create: (item: T) => Element;
  #els = new Map<string, { el: Element; sig: string }>();

  constructor(parent: Element, key: (item: T) => string, sig: (item: T) => string, create: (item: T) => Element) {
    this.#parent = parent;
    this.#key = key;
    this.#sig = sig;
    this.#create = create;
  }

  /** Returns true when anything in the DOM changed. */
  update(items: readonly T[]): boolean {
    let changed = false;
    const next = new Map<string, { el: Element; sig: string }>();
    let cursor: ChildNode | null = this.#parent.firstChild;
    for (const item of items) {
      const key = this.#key(item);
      const sig = this.#sig(item);
      let entry = this.#els.get(key);
      if (entry && entry.sig !== sig) {
        const el = this.#create(item);
        entry.el.replaceWith(el);
        if (cursor === entry.el) cursor = el;
        entry = { el, sig };
        changed = true;
      }
      if (!entry) {
        entry = { el: this.#create(item), sig };
        changed = true;
      }
      this.#els.delete(key);
      next.set(key, entry);
      if (cursor !== entry.el) {
        this.#parent.insertBefore(entry.el, cursor);
        changed = true;
      } else cursor = cursor.nextSibling;
    }
    for (const { el } of this.#els.values()) {
      el.remove();
      changed = true;
    }
    this.#els = next;
    return changed;
  }
}
