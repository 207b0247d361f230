import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { CreateTaskBody } from '@taskflow/contracts/api';
import { ApiError, UnexpectedResponseError, type ProblemDetails } from './api-error';
import { useFormErrors, type FormErrorMessage } from './use-form-errors';

const fields = ['title', 'dueAt'] as const;
type Field = (typeof fields)[number];

function validation(errors: ProblemDetails['errors'], status = 400): ApiError {
  return new ApiError(status, {
    type: 'about:blank',
    title: 'Bad Request',
    status,
    detail: 'The request is invalid',
    code: 'validation_failed',
    errors,
  });
}

function errorsFor(error: unknown, explain?: (error: unknown) => FormErrorMessage<Field> | undefined) {
  return renderHook(() => useFormErrors(error, { fields, explain })).result.current;
}

describe('useFormErrors', () => {
  it('has nothing to say without an error', () => {
    const errors = errorsFor(null);
    expect(errors.fields).toEqual({});
    expect(errors.form).toBeNull();
    expect(errors.field('title')).toEqual({ name: 'title', error: undefined });
  });

  it("puts the server's field errors under their fields, the first per field", () => {
    const errors = errorsFor(
      validation([
        { path: 'body.title', message: 'must not be empty' },
        { path: 'body.title', message: 'second message' },
        { path: 'body/dueAt', message: 'must be a date' },
      ]),
    );
    expect(errors.fields).toEqual({ title: 'must not be empty', dueAt: 'must be a date' });
    expect(errors.form).toBeNull();
    expect(errors.field('title')).toEqual({ name: 'title', error: 'must not be empty' });
  });

  it('puts a zod check run in the browser under the same fields', () => {
    const parsed = CreateTaskBody.safeParse({ title: '   ', dueAt: 'tomorrow' });
    expect(parsed.success).toBe(false);
    const errors = errorsFor(parsed.error);
    expect(errors.fields.title).toBe('must not be empty');
    expect(errors.fields.dueAt).toBeTruthy();
    expect(errors.form).toBeNull();
  });

  it('tells the form as a whole when no shown field explains the error', () => {
    expect(errorsFor(validation([{ path: 'body.labels.0', message: 'too long' }])).form).toBe('The request is invalid');
    expect(errorsFor(new ApiError(503, null)).form).toBe('The server is unavailable. Please try again shortly.');
    expect(errorsFor(new TypeError('Failed to fetch')).form).toBe(
      'Network error. Check your connection and try again.',
    );
    // A malformed answer is never read as field errors.
    const unexpected = new UnexpectedResponseError('POST /api/x', 200, new Error('bad'));
    expect(errorsFor(unexpected).fields).toEqual({});
  });

  it("uses the form's own words for the errors it explains", () => {
    const conflict = new ApiError(409, null);
    expect(errorsFor(conflict, () => ({ field: 'title', message: 'Taken.' })).fields).toEqual({ title: 'Taken.' });
    const refused = errorsFor(conflict, () => ({ form: 'Not allowed.' }));
    expect(refused.form).toBe('Not allowed.');
    expect(refused.fields).toEqual({});
  });
});
