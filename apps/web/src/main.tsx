import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { restoreSession, SessionProvider } from './session/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not be better the second time; views are cheap to read again when shown again.
    queries: { retry: false, staleTime: 10_000 },
  },
});

void restoreSession().then((restored) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider restored={restored}>
          <App />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
