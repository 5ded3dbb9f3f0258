import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installAntdReact19Renderer } from './lib/antd-react-19';
import { loadDingTalk } from './lib/dingtalk';
import { bootTheme } from './lib/theme';
import './styles/tokens.css';
import './styles/global.css';
import { App } from './app/app';

bootTheme();
installAntdReact19Renderer();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

const root = createRoot(container);
const render = () =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// Inside DingTalk the bridge loads before the first render, so every page knows where it runs. If
// it cannot load, the app still starts, as in a plain browser.
loadDingTalk().then(render, render);
