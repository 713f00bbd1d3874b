import { type FormEvent, type ReactNode, useId } from 'react';
import { FormError } from './field';

/**
 * One command as a form, folded away until opened: its title, its fields (each with the API's error
 * beside it), one submit button, the problem not tied to a field, and what was recorded.
 */
export function CommandForm(props: {
  title: string;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  /** The fields this form shows: an error for any other is shown at the form's foot. */
  fields: string[];
  done: string | null;
  onSubmit(): void;
  children: ReactNode;
}) {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <details className="command">
      <summary>{props.title}</summary>
      <form className="command-form" onSubmit={submit} aria-labelledby={titleId}>
        <h3 id={titleId} className="visually-hidden">
          {props.title}
        </h3>
        {props.children}
        <button type="submit" disabled={props.pending}>
          {props.submitLabel}
        </button>
        <FormError error={props.error} fields={props.fields} />
        {props.done && (
          <p className="done" role="status">
            {props.done}
          </p>
        )}
      </form>
    </details>
  );
}
