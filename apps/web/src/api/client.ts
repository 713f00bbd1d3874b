export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem answered by the API: its stable `code` and, for invalid input, the field errors. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** The message for one field, when the API named it. */
  forField(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

interface ProblemBody {
  title?: string;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/**
 * One call to the public /v1 API with the signed-in key. The key travels only in the Authorization
 * header: never in a URL, never logged.
 */
export async function callApi<T>(key: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${key}`,
      Accept: 'application/json',
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => ({}))) as ProblemBody;
  throw new ApiProblem(
    response.status,
    problem.code,
    problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`,
    problem.errors ?? [],
  );
}
