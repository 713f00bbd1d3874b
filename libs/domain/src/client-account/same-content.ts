import canonicalize from 'canonicalize';

/** Deep equality of JSON values. Key order may differ once events went through a JSON store (jsonb), so compare canonical forms. */
export const sameContent = (a: unknown, b: unknown): boolean => canonicalize(a ?? null) === canonicalize(b ?? null);
