/**
 * jsdom has no IntersectionObserver. This stand-in records what is observed and lets a test say
 * when an element scrolls into view, as the browser would.
 */
export class FakeIntersectionObserver {
  static instances = new Set<FakeIntersectionObserver>();
  readonly elements = new Set<Element>();

  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.add(this);
  }

  observe(element: Element) {
    this.elements.add(element);
  }

  unobserve(element: Element) {
    this.elements.delete(element);
  }

  disconnect() {
    this.elements.clear();
    FakeIntersectionObserver.instances.delete(this);
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  /** Every observer watching `element` hears that it is now in view. */
  static scrollIntoView(element: Element) {
    for (const observer of [...FakeIntersectionObserver.instances]) {
      if (!observer.elements.has(element)) continue;
      const entry = { target: element, isIntersecting: true, intersectionRatio: 1 } as IntersectionObserverEntry;
      observer.callback([entry], observer as unknown as IntersectionObserver);
    }
  }

  static install(): () => void {
    const original = globalThis.IntersectionObserver;
    globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
    return () => {
      FakeIntersectionObserver.instances.clear();
      globalThis.IntersectionObserver = original;
    };
  }
}
