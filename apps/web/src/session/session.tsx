import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ApiProblem, callApi } from '../api/client';
import { type Me, type Role } from '../api/types';

/** The key lives in this tab's session storage only: gone when the tab closes, never in a URL or localStorage. */
const KEY_STORAGE = 'settle.apiKey';

interface SignedIn {
  key: string;
  me: Me;
  /** Service time minus browser time when signing in: what the app records is dated by the service's clock. */
  clockOffsetMs: number;
}

interface SessionValue {
  session: SignedIn | null;
  signIn(key: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function identify(key: string): Promise<SignedIn> {
  const me = await callApi<Me>(key, '/v1/me');
  return { key, me, clockOffsetMs: Date.parse(me.now) - Date.now() };
}

export function SessionProvider({ children, restored }: { children: ReactNode; restored: SignedIn | null }) {
  const [session, setSession] = useState<SignedIn | null>(restored);
  const signIn = useCallback(async (key: string) => {
    const signedIn = await identify(key);
    sessionStorage.setItem(KEY_STORAGE, key);
    setSession(signedIn);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY_STORAGE);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session kept by this tab before a reload, if its key is still accepted. */
export async function restoreSession(): Promise<SignedIn | null> {
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (!key) return null;
  try {
    return await identify(key);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) sessionStorage.removeItem(KEY_STORAGE);
    return null;
  }
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; the screens that use it are only rendered once signed in. */
export function useSignedIn(): SignedIn & { signOut(): void } {
  const { session, signOut } = useSession();
  if (!session) throw new Error('useSignedIn while signed out');
  return { ...session, signOut };
}

/** What each role may do (README "API conventions"): the screens offer only that. */
const clerkOrAdmin = (role: Role) => role === 'clerk' || role === 'admin';
const collectorOrAdmin = (role: Role) => role === 'collector' || role === 'admin';
const adminOnly = (role: Role) => role === 'admin';

export const may = {
  logInteraction: (role: Role) => role === 'clerk' || role === 'collector' || role === 'admin',
  pauseCollections: collectorOrAdmin,
  resumeCollections: collectorOrAdmin,
  registerClient: clerkOrAdmin,
  issueInvoice: clerkOrAdmin,
  issueCreditNote: clerkOrAdmin,
  recordPayment: clerkOrAdmin,
  reversePayment: clerkOrAdmin,
  writeOff: adminOnly,
  changeAgreement: adminOnly,
  decideAgencyHandover: adminOnly,
};

/** Whether the role may send any command about one client (an auditor may not). */
export const mayActOnClient = (role: Role): boolean => Object.values(may).some((allowed) => allowed(role));
