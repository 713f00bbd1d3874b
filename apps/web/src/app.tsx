import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { ApiProblem } from './api/client';
import { ClientPage } from './client/client-page';
import { PortfolioPage } from './portfolio/portfolio-page';
import { useSession, useSignedIn } from './session/session';
import { WorklistPage } from './worklist/worklist-page';

export function App() {
  const { session } = useSession();
  if (!session) return <SignIn />;
  return (
    <BrowserRouter>
      <Shell />
    </BrowserRouter>
  );
}

function Shell() {
  const { me, signOut } = useSignedIn();
  const queryClient = useQueryClient();
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Settle</span>
        <nav aria-label="Main">
          <NavLink to="/worklist">Worklist</NavLink>
          <NavLink to="/portfolio">Portfolio</NavLink>
        </nav>
        <span className="who">
          {me.name} ({me.role})
        </span>
        <button
          type="button"
          onClick={() => {
            queryClient.clear();
            signOut();
          }}
        >
          Sign out
        </button>
      </header>
      <div id="content">
        <Routes>
          {/* Collectors land on their worklist; everyone else on the portfolio. */}
          <Route path="/" element={<Navigate replace to={me.role === 'collector' ? '/worklist' : '/portfolio'} />} />
          <Route path="/worklist" element={<WorklistPage />} />
          <Route path="/portfolio" element={<PortfolioPage />} />
          <Route path="/clients/:clientId" element={<ClientPage />} />
          <Route path="*" element={<Navigate replace to="/" />} />
        </Routes>
      </div>
    </>
  );
}

function SignIn() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    signIn(key.trim()).catch((problem: unknown) => {
      setPending(false);
      setError(problem instanceof ApiProblem && problem.status === 401 ? 'This key is not accepted.' : String(problem));
    });
  };
  return (
    <main className="sign-in">
      <h1>Settle</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit" disabled={pending}>
          Sign in
        </button>
        {error && (
          <p id="sign-in-error" className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="muted">The key stays in this tab only, and is forgotten when you sign out or close the tab.</p>
    </main>
  );
}
