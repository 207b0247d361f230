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
