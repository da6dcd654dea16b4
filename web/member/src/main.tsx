import { unstableSetRender } from 'antd-mobile';
import { startTransition, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App';
import './boot.css';
import { applyElderMode } from './elder';
import './i18n';
import { registerServiceWorker } from './registerSw';
import './theme.css';

// antd-mobile 5 mounts Toast and Dialog with ReactDOM.render, which React 19 removed: without a
// createRoot renderer every imperative Toast throws and the member never sees the message.
const imperativeRoots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let root = imperativeRoots.get(container);
  if (!root) {
    root = createRoot(container);
    imperativeRoots.set(container, root);
  }
  root.render(node);
  const mounted = root;
  return async () => {
    // Unmounting from inside React's own commit (a Toast closing itself) must wait for the next task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    mounted.unmount();
    imperativeRoots.delete(container);
  };
});

applyElderMode();

// A transition: React renders the first screen in slices, yielding to the browser between them, instead
// of one long task a cheap phone cannot interrupt (Total Blocking Time).
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

registerServiceWorker();

// 帮扶调查: surveys waiting on this phone (features/hardship/outbox.ts) are sent whichever page the app opens on.
if (localStorage.getItem('su.field.pending')) void import('./features/hardship/outbox').then((m) => m.startOutbox());
