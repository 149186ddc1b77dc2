// The one place the renderer turns a shell's transport (common/bridge.ts) into
// `window.lectern`: each API method unwraps its BridgeResult, so a failure
// reaches the caller as a BridgeError with its code, in Electron and in the
// browser harness alike.
import { API_METHODS } from '../common/api-methods.ts';
import { BridgeError, TRANSPORT_GLOBAL, type BridgeResult, type LecternBridge, type ShellTransport } from '../common/bridge.ts';

export { BridgeError };

export function unwrap<T>(result: BridgeResult<T>): T {
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

/** True when `err` is a BridgeError with this API error code. */
export const isBridgeError = (err: unknown, code: string): err is BridgeError => err instanceof BridgeError && err.code === code;

export function bridgeOver(transport: ShellTransport): LecternBridge {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (...args) => {
      let result: BridgeResult;
      try {
        result = await transport.call(method, args);
      } catch (err) {
        // The transport itself failed (not an API error): still one error type for callers.
        throw new BridgeError({ code: 'transport', message: err instanceof Error ? err.message : String(err) });
      }
      return unwrap(result);
    };
  }
  return {
    ...(api as unknown as LecternBridge),
    shell: transport.shell,
    pathForFile: (file) => transport.pathForFile(file),
    onProgress: (listener) => transport.onProgress(listener),
    onMenuCommand: (listener) => transport.onMenuCommand(listener),
    chooseImportPaths: transport.chooseImportPaths,
  };
}

/** Defines `window.lectern` from the transport the shell exposed; run once, before the app renders. */
export function installBridge(win: object = globalThis): LecternBridge {
  const transport = (win as Record<string, unknown>)[TRANSPORT_GLOBAL] as ShellTransport | undefined;
  if (!transport) throw new Error(`No ${TRANSPORT_GLOBAL}: the page must be opened by Lectern's shell (Electron or the browser harness).`);
  const bridge = Object.freeze(bridgeOver(transport));
  Object.defineProperty(win, 'lectern', { value: bridge, writable: false, configurable: false, enumerable: true });
  return bridge;
}
