/**
 * Board pages kept as the bytes sent, each under the board version it was read at (see
 * `projects.board_version`). A read asks the database for the version first — one primary-key
 * lookup that also checks membership — and only reads and builds the page when the version has
 * moved: never stale, because the version moves in the same commit as the change, whichever
 * instance or code path made it. Most reads of a board find it unchanged since the last one, so
 * they cost a lookup instead of a 50-row read and a 25 KB JSON text built per request.
 *
 * Least recently used pages go first once the pages held pass `maxBytes`.
 */
export interface BoardPageCache {
  /** The page stored under `key`, if it was read at `version`. */
  get(key: string, version: string): Buffer | undefined;
  set(key: string, version: string, body: Buffer): void;
  /** Bytes held, for the metrics and the tests. */
  readonly bytes: number;
}

export function createBoardPageCache({ maxBytes }: { maxBytes: number }): BoardPageCache {
  const pages = new Map<string, { version: string; body: Buffer }>();
  let bytes = 0;
  const drop = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    pages.delete(key);
    bytes -= page.body.length;
  };
  return {
    get(key, version) {
      const page = pages.get(key);
      if (!page || page.version !== version) return undefined;
      // Map keeps insertion order: re-inserting makes it the most recently used.
      pages.delete(key);
      pages.set(key, page);
      return page.body;
    },
    set(key, version, body) {
      drop(key);
      if (body.length > maxBytes) return;
      pages.set(key, { version, body });
      bytes += body.length;
      for (const oldest of pages.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    get bytes() {
      return bytes;
    },
  };
}
