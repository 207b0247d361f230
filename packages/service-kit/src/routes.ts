import type { Express } from 'express';

export interface AppRoute {
  /** Upper case: GET, POST, … */
  method: string;
  /** As registered, in Express syntax (`/api/tasks/:id`), with the mount paths of routers before it. */
  path: string;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle?: { stack?: RouterLayer[] };
  /** router 2.x: true when mounted without a path (`app.use(router)`). */
  slash?: boolean;
  rawPath?: unknown;
}

/**
 * Every route an Express 5 app really registers, walking mounted routers, sorted by path then
 * method. Throws on what it cannot name exactly (an `app.all()` route, a router mounted on a
 * pattern), so a caller never silently misses a route.
 */
export function listRoutes(app: Express): AppRoute[] {
  const found: AppRoute[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') throw new Error(`${paths.join(', ')}: app.all() routes have no single method`);
          for (const path of paths) found.push({ method: method.toUpperCase(), path: `${prefix}${path}` });
        }
      } else if (layer.handle?.stack) {
        if (!layer.slash && typeof layer.rawPath !== 'string')
          throw new Error('a router is mounted on a path this walker cannot read');
        walk(layer.handle.stack, prefix + (layer.slash ? '' : String(layer.rawPath)));
      }
    }
  };
  walk((app.router as unknown as { stack: RouterLayer[] }).stack, '');
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
