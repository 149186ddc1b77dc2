import type { LecternBridge } from '../common/bridge.ts';

declare global {
  interface Window {
    /** Defined by renderer/bridge.ts over the transport the Electron preload or the browser harness (test/e2e/harness.ts) exposes. */
    readonly lectern: LecternBridge;
  }
}
export {};
