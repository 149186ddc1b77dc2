import type { LecternBridge } from '../common/bridge.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload or the browser harness (test/e2e/harness.ts). */
    readonly lectern: LecternBridge;
  }
}
export {};
