/* global SwaggerUIBundle, SwaggerUIStandalonePreset */
// The API reference of the gateway: one OpenAPI document per service, chosen in the top bar. Every
// document names the gateway ('/') as its server, so "Try it out" calls the running stack on this origin;
// "Authorize" takes an access token (POST /api/auth/login answers one) for the bearer scheme.
'use strict';

const documents = [
  { name: 'tasks: projects, members, tasks', url: '/api/tasks/openapi.json' },
  { name: 'auth: accounts, sessions, tokens', url: '/api/auth/openapi.json' },
  { name: 'notifications: the bell and the Socket.IO gateway', url: '/api/notifications/openapi.json' },
];

window.ui = SwaggerUIBundle({
  urls: documents,
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  tryItOutEnabled: true,
  // No persistAuthorization: it would keep the bearer token in localStorage of this origin, where the app
  // itself never stores one. A reload asks for the token again.
  displayRequestDuration: true,
  // Offline: no call to the public validator badge service.
  validatorUrl: null,
});
