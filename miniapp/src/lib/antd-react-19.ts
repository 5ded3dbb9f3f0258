import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile 5 mounts Toast, Dialog and friends with the legacy ReactDOM.render, which React 19
// removed: without this shim Toast.show renders nothing. One root per container, unmounted
// asynchronously so a root is never unmounted while React is still rendering it.
type ContainerWithRoot = (Element | DocumentFragment) & { dingopsRoot?: Root };

export function installAntdReact19Renderer(): void {
  unstableSetRender((node, container) => {
    const host = container as ContainerWithRoot;
    host.dingopsRoot ??= createRoot(host);
    host.dingopsRoot.render(node);
    return async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      host.dingopsRoot?.unmount();
      delete host.dingopsRoot;
    };
  });
}
