import { errorMessage, fieldErrorsOf } from './api-error';

/** A form's own wording for an error it recognises (by code or status): on one field, or for the whole form. */
export type FormErrorMessage<F extends string> = { field: F; message: string } | { form: string };

export type FormErrors<F extends string> = {
  /** The message under each field, for the fields the form shows. */
  fields: Partial<Record<F, string>>;
  /** The message above or below the form, when no field explains the error. */
  form: string | null;
  /** Props for an InputField / SelectField: its name and its message (aria-invalid and aria-describedby follow). */
  field: (name: F) => { name: F; error: string | undefined };
};

/**
 * Where a failed submission's messages go: field errors (from the server's problem+json, or from a zod
 * check in the browser) under the fields the form shows; anything else, including field errors on
 * fields it does not show, to the form as a whole. `explain` lets a form word the errors it expects.
 */
export function useFormErrors<F extends string>(
  error: unknown,
  options: { fields: readonly F[]; explain?: (error: unknown) => FormErrorMessage<F> | undefined },
): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  let form: string | null = null;

  if (error) {
    const explained = options.explain?.(error);
    if (explained && 'field' in explained) fields[explained.field] = explained.message;
    else if (explained) form = explained.form;
    else {
      const messages = fieldErrorsOf(error);
      for (const name of options.fields) if (messages[name]) fields[name] = messages[name];
      if (Object.keys(fields).length === 0) form = errorMessage(error);
    }
  }

  return { fields, form, field: (name) => ({ name, error: fields[name] }) };
}
