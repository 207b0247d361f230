import {
  AuthResponse,
  ChangePasswordBody,
  LoginBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RegisterBody,
  SessionList,
  UpdateMeBody,
  User,
} from '@taskflow/contracts/api';
import { ACCESS_TOKEN_ALGORITHM } from '@taskflow/service-kit/auth';
import {
  body,
  commonProblems,
  createOpenApiDocument,
  jsonSchema,
  ok,
  op,
  ref,
  type OpenApiObject,
} from '@taskflow/service-kit/openapi';
import { REFRESH_COOKIE } from './auth.routes';

const refreshCookieParameter = {
  name: REFRESH_COOKIE,
  in: 'cookie',
  required: false,
  description: 'The refresh token set by register, login or refresh (HttpOnly, path `/api/auth`)',
  schema: { type: 'string' },
};
const setsRefreshCookie = {
  'Set-Cookie': {
    description: `\`${REFRESH_COOKIE}=<refresh token>; Path=/api/auth; Expires=…; HttpOnly; SameSite=Strict\` (and \`Secure\` behind TLS); a new token each time, the old one stops working`,
    schema: { type: 'string' },
  },
};
const clearsRefreshCookie = {
  'Set-Cookie': { description: `Clears \`${REFRESH_COOKIE}\``, schema: { type: 'string' } },
};
const meResponse = { type: 'object', properties: { user: ref('User') }, required: ['user'] };
const jwks = {
  type: 'object',
  properties: {
    keys: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A public signing key (JWK, RFC 7517)',
        properties: {
          kty: { type: 'string', examples: ['EC'] },
          crv: { type: 'string', examples: ['P-256'] },
          x: { type: 'string' },
          y: { type: 'string' },
          kid: { type: 'string', description: 'RFC 7638 thumbprint; the `kid` header of the tokens it signs' },
          alg: { type: 'string', const: ACCESS_TOKEN_ALGORITHM },
          use: { type: 'string', const: 'sig' },
        },
        required: ['kty', 'kid', 'alg', 'use'],
      },
    },
  },
  required: ['keys'],
};
// The service counts attempts per account and per address (shared by every instance, one-minute
// windows); nginx limits these routes per address in front. Both answer 429 problem+json.
const rateLimited =
  'Too many attempts on this account or from this address (a minute’s window, or the gateway’s per-address limit); retry after `Retry-After` seconds';
const sessionId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A session id from `GET /api/auth/sessions`',
  schema: { type: 'string', format: 'uuid' },
};

/** The OpenAPI 3.1 document of this service, generated from the zod schemas that validate requests. */
export function buildOpenApiDocument(): OpenApiObject {
  return createOpenApiDocument({
    title: 'TaskFlow auth service',
    version: '1.0.0',
    description: [
      'Accounts and sessions. Register or log in to get a short-lived access token, sent as',
      '`Authorization: Bearer <accessToken>` to every other endpoint, and a long-lived refresh token in',
      `the HttpOnly \`${REFRESH_COOKIE}\` cookie, which \`POST /api/auth/refresh\` exchanges for a new pair.`,
      'The other services verify access tokens with the keys published at `/api/auth/.well-known/jwks.json`.',
    ].join(' '),
    schemas: {
      User: jsonSchema(User, 'output'),
      AuthResponse: jsonSchema(AuthResponse, 'output'),
      RegisterBody: jsonSchema(RegisterBody, 'input'),
      LoginBody: jsonSchema(LoginBody, 'input'),
      UpdateMeBody: jsonSchema(UpdateMeBody, 'input'),
      ChangePasswordBody: jsonSchema(ChangePasswordBody, 'input'),
      PasswordResetBody: jsonSchema(PasswordResetBody, 'input'),
      PasswordResetConfirmBody: jsonSchema(PasswordResetConfirmBody, 'input'),
      SessionList: jsonSchema(SessionList, 'output'),
    },
    paths: {
      '/api/auth/register': {
        post: op(
          'register',
          'Create an account and sign in',
          ok(201, 'Signed in', ref('AuthResponse'), setsRefreshCookie),
          {
            public: true,
            requestBody: body('RegisterBody'),
            problems: { 400: commonProblems[400], 409: 'An account with this email already exists', 429: rateLimited },
          },
        ),
      },
      '/api/auth/login': {
        post: op(
          'login',
          'Sign in with email and password',
          ok(200, 'Signed in', ref('AuthResponse'), setsRefreshCookie),
          {
            public: true,
            requestBody: body('LoginBody'),
            problems: { 400: commonProblems[400], 401: 'Email or password is incorrect', 429: rateLimited },
          },
        ),
      },
      '/api/auth/refresh': {
        post: op(
          'refresh',
          'Exchange the refresh cookie for a new access token and refresh cookie',
          ok(200, 'Signed in again', ref('AuthResponse'), setsRefreshCookie),
          {
            public: true,
            parameters: [refreshCookieParameter],
            problems: { 401: 'No, unknown, expired or already used refresh token; the cookie is cleared' },
          },
        ),
      },
      '/api/auth/logout': {
        post: op(
          'logout',
          'End the session of the refresh cookie (if any)',
          ok(204, 'Signed out', undefined, clearsRefreshCookie),
          {
            public: true,
            parameters: [refreshCookieParameter],
            problems: { 400: 'Malformed JSON body' },
          },
        ),
      },
      '/api/auth/me': {
        get: op('getMe', 'The caller', ok(200, 'The caller', meResponse), { problems: { 401: commonProblems[401] } }),
        patch: op('updateMe', 'Change the caller’s name or time zone', ok(200, 'The caller', meResponse), {
          requestBody: body('UpdateMeBody'),
          problems: { 400: commonProblems[400], 401: commonProblems[401] },
        }),
      },
      '/api/auth/password': {
        post: op(
          'changePassword',
          'Change the password; every other session of the account ends (this one stays signed in)',
          ok(204, 'Changed'),
          {
            requestBody: body('ChangePasswordBody'),
            problems: {
              400: '`currentPassword` is wrong, or `newPassword` is too short, too long or too common (named in `errors`)',
              401: commonProblems[401],
              429: rateLimited,
            },
          },
        ),
      },
      '/api/auth/password-reset': {
        post: op(
          'requestPasswordReset',
          'Email a one-time link (valid 30 minutes) to set a new password; 202 whether or not the address has an account',
          ok(202, 'Accepted'),
          {
            public: true,
            requestBody: body('PasswordResetBody'),
            problems: { 400: commonProblems[400], 429: rateLimited },
          },
        ),
      },
      '/api/auth/password-reset/confirm': {
        post: op(
          'confirmPasswordReset',
          'Set a new password with the token from the reset link; every session of the account ends',
          ok(204, 'Password set'),
          {
            public: true,
            requestBody: body('PasswordResetConfirmBody'),
            problems: {
              400: 'The token is unknown, used or expired (`errors[].path` = `token`), or `newPassword` is refused',
              429: rateLimited,
            },
          },
        ),
      },
      '/api/auth/sessions': {
        get: op(
          'listSessions',
          'The account’s open sessions (signed-in browsers), most recently used first; `current` marks the caller’s',
          ok(200, 'Sessions', ref('SessionList')),
          { problems: { 401: commonProblems[401] } },
        ),
        delete: op(
          'revokeOtherSessions',
          'Sign out everywhere else: end every session of the account except the caller’s',
          ok(204, 'Ended'),
          { problems: { 401: commonProblems[401] } },
        ),
      },
      '/api/auth/sessions/{id}': {
        delete: op(
          'revokeSession',
          'End one session of the account (its access tokens stop working within seconds everywhere)',
          ok(204, 'Ended'),
          {
            parameters: [sessionId],
            problems: { 400: commonProblems[400], 401: commonProblems[401], 404: 'No such open session of yours' },
          },
        ),
      },
      '/api/auth/.well-known/jwks.json': {
        get: op('getJwks', 'Public keys that verify access tokens (JWKS, RFC 7517)', ok(200, 'Key set', jwks), {
          public: true,
          problems: {},
        }),
      },
    },
  });
}
