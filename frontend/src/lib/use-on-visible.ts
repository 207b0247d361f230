import { useEffect, useRef, useState } from 'react';

/**
 * Calls `onVisible` when the element given to the returned ref callback scrolls into view (or near
 * it). A new observer is made whenever `enabled` turns true again, and a new observer reports at
 * once: an element still in view after a page has loaded asks for the next one. Without
 * IntersectionObserver it does nothing, so a visible button must remain the other way to ask.
 */
export function useOnVisible(onVisible: () => void, enabled: boolean): (element: Element | null) => void {
  const [element, setElement] = useState<Element | null>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });

  useEffect(() => {
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) callback.current();
      },
      { rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, enabled]);

  return setElement;
}
