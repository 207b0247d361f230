import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRouter } from './app/router';
import { restoreSession } from './lib/auth-session';
import { reloadOnPreloadError } from './lib/new-version-reload';
import { applyTheme } from './lib/theme';
import './index.css';

// Before the first render: a chosen theme (not the system's) is on <html> before React paints.
applyTheme();
// The refresh cookie goes out now, while React renders its first frame, rather than after it.
restoreSession().catch(() => null);
// A deploy while the tab was open took away the code it has not loaded yet: reload once for the new version.
reloadOnPreloadError();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
