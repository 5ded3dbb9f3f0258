import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installAntdReact19Renderer } from './lib/antd-react-19';
import { bootTheme } from './lib/theme';
import './styles/tokens.css';
import './styles/global.css';
import { App } from './app/app';

bootTheme();
installAntdReact19Renderer();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
