#!/usr/bin/env node
// Renders the gateway's nginx.conf for the proxy image (proxy/Dockerfile) from the same template and
// renderer `npm start` uses, with the image's paths and the services' host names. Prints it to stdout.
// Environment: GATEWAY_PORT (8080), AUTH_UPSTREAM / TASKS_UPSTREAM / NOTIFICATIONS_UPSTREAM ("host:port",
// several separated by spaces), TRUSTED_PROXIES (CIDRs whose X-Forwarded-For is believed).
import { renderNginxConf } from './lib/nginx.mjs';

/** Where the proxy image keeps each part; proxy/Dockerfile copies them there. */
export const CONTAINER_PATHS = {
  prefix: '/var/lib/taskflow-nginx',
  spaRoot: '/usr/share/taskflow/spa',
  proxyDir: '/etc/taskflow/proxy',
  swaggerDir: '/usr/share/taskflow/swagger-ui',
};

const list = (value, fallback) => (value ?? fallback).split(/[\s,]+/).filter(Boolean);

export function renderContainerConf(env = process.env) {
  const gateway = Number(env.GATEWAY_PORT ?? 8080);
  return renderNginxConf({
    prefix: CONTAINER_PATHS.prefix,
    spaRoot: CONTAINER_PATHS.spaRoot,
    proxyDir: CONTAINER_PATHS.proxyDir,
    swaggerDir: CONTAINER_PATHS.swaggerDir,
    ports: { gateway },
    ipv6: false,
    upstreams: {
      auth: list(env.AUTH_UPSTREAM, 'auth:3001'),
      tasks: list(env.TASKS_UPSTREAM, 'tasks:3002'),
      notifications: list(env.NOTIFICATIONS_UPSTREAM, 'notifications:3003'),
    },
    // The image runs as an unprivileged user from the start: there is no user to switch to.
    userDirective: '# the image runs nginx as its unprivileged user',
    trustedProxies: list(env.TRUSTED_PROXIES, '10.0.0.0/8 172.16.0.0/12 192.168.0.0/16'),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(renderContainerConf());
