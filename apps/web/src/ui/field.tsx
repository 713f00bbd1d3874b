import { type ReactNode, useId } from 'react';
import { ApiProblem } from '../api/client';

/** A labelled control with the API's error for its field beside it (problem+json `errors[].field`). */
export function Field({
  label,
  field,
  error,
  children,
}: {
  label: string;
  field: string;
  error: Error | null;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const message = error instanceof ApiProblem ? error.forField(field) : undefined;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name: field, 'aria-invalid': message !== undefined, 'aria-describedby': message ? errorId : undefined })}
      {message && (
        <p className="field-error" id={errorId} data-field-error={field}>
          {message}
        </p>
      )}
    </div>
  );
}

/** The problem not tied to one field (business rule, role, conflict), or nothing. */
export function FormError({ error, fields }: { error: Error | null; fields: string[] }) {
  if (!error) return null;
  if (error instanceof ApiProblem && error.fieldErrors.length > 0 && error.fieldErrors.every((e) => fields.includes(e.field))) return null;
  return (
    <p className="form-error" role="alert">
      {error.message}
    </p>
  );
}

export function QueryState({ error, loading }: { error: Error | null; loading: boolean }) {
  if (error)
    return (
      <p className="form-error" role="alert">
        {error.message}
      </p>
    );
  return loading ? <p aria-live="polite">Loading…</p> : null;
}

export function RiskBadge({ level, score }: { level: string; score?: number }) {
  return (
    <span className={`badge risk-${level}`}>
      {level} risk{score === undefined ? '' : ` · ${score}`}
    </span>
  );
}
