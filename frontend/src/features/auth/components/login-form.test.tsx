import { afterEach, beforeEach, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { ErrorCode } from '@taskflow/contracts/errors';
import { endSession } from '@/lib/auth-session';
import { problem, startApiServer, type ApiAnswer, type ApiServer } from '../../../../test/api-server';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { LoginForm } from './login-form';

let server: ApiServer;
let loginAnswer: ApiAnswer;

beforeEach(async () => {
  server = await startApiServer(({ method, path }) =>
    method === 'POST' && path === '/api/auth/login' ? loginAnswer : problem(404, ErrorCode.routeNotFound, 'No route'),
  );
});

afterEach(async () => {
  endSession();
  await server.close();
});

async function submit(email: string) {
  render(
    <TestProviders client={createTestQueryClient()}>
      <MemoryRouter>
        <LoginForm />
      </MemoryRouter>
    </TestProviders>,
  );
  await userEvent.type(screen.getByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), 'secret-password');
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

it("shows the server's field error under its field, tied to it for assistive tech", async () => {
  loginAnswer = problem(400, ErrorCode.validation, 'The request is invalid', [
    { path: 'body.email', message: 'must be a valid email address' },
  ]);
  await submit('not-an-email');

  const message = await screen.findByText('must be a valid email address');
  const email = screen.getByLabelText('Email');
  expect(email.getAttribute('aria-invalid')).toBe('true');
  expect(email.getAttribute('aria-describedby')).toBe(message.id);
  expect(email.getAttribute('name')).toBe('email');
  expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(server.requests[0]?.body).toEqual({ email: 'not-an-email', password: 'secret-password' });
});

it('explains wrong credentials for the whole form', async () => {
  loginAnswer = problem(401, ErrorCode.invalidCredentials, 'Invalid email or password');
  await submit('ada@example.test');

  expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
});
