const SIZE_PROPERTIES = ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const;

/**
 * jsdom lays nothing out: every element is 0 × 0, so a virtualised list sees no room and renders no
 * row. This gives every element the size of a phone screen, as a browser would, so the rows in view
 * render. Returns what takes it back.
 */
export function giveElementsASize(width = 375, height = 800): () => void {
  const originals = SIZE_PROPERTIES.map((name) => {
    const owner = name.startsWith('client') ? Element.prototype : HTMLElement.prototype;
    return [owner, name, Object.getOwnPropertyDescriptor(owner, name)] as const;
  });
  for (const [owner, name] of originals) {
    Object.defineProperty(owner, name, { configurable: true, get: () => (name.endsWith('Width') ? width : height) });
  }
  return () => {
    for (const [owner, name, descriptor] of originals) if (descriptor) Object.defineProperty(owner, name, descriptor);
  };
}

/**
 * Lays the board out as a wide screen would, for dnd-kit to measure: columns 400 px apart left to
 * right (in `section[data-status]` order), cards 140 px apart top to bottom by their list position.
 * Enough for a keyboard drag to find the card above, below, left and right. Returns what takes it back.
 */
export function layOutBoard(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const section = this.closest('section[data-status]');
    const columns = [...document.querySelectorAll('section[data-status]')];
    const left = section ? columns.indexOf(section) * 400 : 0;
    const item = this.closest('li[data-index]');
    const [top, height] = item
      ? [100 + Number(item.getAttribute('data-index')) * 140, 130]
      : section
        ? [100, 2000]
        : [0, 0];
    const width = section ? 300 : 0;
    return { x: left, y: top, left, top, width, height, right: left + width, bottom: top + height, toJSON: () => ({}) };
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}
