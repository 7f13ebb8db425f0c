import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
// The style sheets in cascade order: later ones refine earlier ones.
import './styles/base.css';
import './styles/tables.css';
import './styles/dashboard.css';
import './styles/analysis.css';
import './styles/account.css';
import './styles/reference-data.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/follow-up.css';
// Last: paper (the A4 report, decision 015) overrides the screen.
import './styles/print.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
