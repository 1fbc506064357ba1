/** How long a selector may get; beyond it, the part nearest the element is kept. */
const MAX_SELECTOR = 100;

/**
 * A short CSS selector for `node`, for saying which element a web vital is about (docs/contract.md
 * §3 Web vitals): tag and classes from the element up, joined by `>`, stopping at the first id,
 * which is unique enough to start from. Never throws; an empty string when there is nothing to name.
 */
export function selectorOf(node: Node | null | undefined): string {
  let selector = '';
  try {
    for (let n = node; n && n.nodeType === 1; n = n.parentNode) {
      const el = n as Element;
      const part = el.id ? `#${el.id}` : [el.localName, ...Array.from(el.classList)].join('.');
      if (selector.length + part.length >= MAX_SELECTOR) return selector || part.slice(0, MAX_SELECTOR);
      selector = selector ? `${part}>${selector}` : part;
      if (el.id) break;
    }
  } catch {
    // a node from a document that went away: what was built so far
  }
  return selector;
}
