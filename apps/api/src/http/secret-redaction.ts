/**
 * Secrets belong in the Authorization header, but a caller may put a key in the query string
 * (`?api_key=…`). Such a value must never come back in a problem or reach the logs: every place that
 * echoes or logs a URL, a query or the Authorization header goes through here.
 */
const SECRET_PARAMETER = /^(api[-_]?key|apikey|key|access[-_]?token|token|secret|client[-_]?secret|password|passwd|authorization|auth)$/i;
const REDACTED = '[REDACTED]';

export const isSecretParameter = (name: string): boolean => SECRET_PARAMETER.test(name);

/** `url` (path and query) with the value of every secret-named query parameter replaced. */
export function withoutSecrets(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const name = separator < 0 ? pair : pair.slice(0, separator);
      return separator >= 0 && isSecretParameter(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, queryStart)}?${query.join('&')}`;
}

/** `text` (an error message that may quote the URL) with the secrets of `url` taken out. */
export function withoutSecretsOf(url: string, text: string): string {
  const redacted = withoutSecrets(url);
  return redacted === url ? text : text.split(url).join(redacted);
}

/** The log paths that may hold a secret (pino `redact.paths`) and how each is censored. */
export const LOG_REDACTION = {
  paths: ['req.headers.authorization', 'req.url', 'req.query'],
  censor: (value: unknown, path: string[]): unknown => {
    const field = path[path.length - 1];
    if (field === 'url' && typeof value === 'string') return withoutSecrets(value);
    if (field === 'query' && typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, isSecretParameter(name) ? REDACTED : v]));
    return field === 'authorization' ? REDACTED : value;
  },
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
